package dev.switchboard.sip.sigcomp;

import java.io.ByteArrayOutputStream;

/**
 * SigComp record marking on a stream transport (RFC 3320 §4.2.2): 0xFF in a message is escaped, and
 * 0xFFFF ends the message. {@link #encode} frames one message for sending.
 */
public final class RecordMarking {
  private RecordMarking() {}

  /**
   * One message framed for a stream: every 0xFF becomes 0xFF 0x00 except where a run of 0xFF is
   * quoted with 0xFF n, and 0xFF 0xFF follows.
   */
  public static byte[] encode(byte[] message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 8);
    int i = 0;
    while (i < message.length) {
      int b = message[i] & 0xFF;
      if (b != 0xFF) {
        out.write(b);
        i++;
        continue;
      }
      // Quote the bytes after this 0xFF (up to 127) if that costs less than escaping each 0xFF.
      int run = 0;
      while (i + 1 + run < message.length && run < 127) {
        run++;
      }
      int ffInRun = 0;
      for (int k = 1; k <= run; k++) {
        if ((message[i + k] & 0xFF) == 0xFF) {
          ffInRun++;
        }
      }
      if (ffInRun >= 2) {
        out.write(0xFF);
        out.write(run);
        out.write(message, i + 1, run);
        i += 1 + run;
      } else {
        out.write(0xFF);
        out.write(0x00);
        i++;
      }
    }
    out.write(0xFF);
    out.write(0xFF);
    return out.toByteArray();
  }
}
