package dev.switchboard.sip.sigcomp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SigComp stream back into messages (RFC 3320 §4.2.2): undoes the 0xFF escapes and
 * quoting, ends a message at 0xFFFF, and skips empty records between repeated delimiters. One per
 * connection; not thread-safe. After a framing error (an unquoted 0xFF80 … 0xFFFE) or an over-long
 * record it refuses all further input, as the connection should be closed.
 */
public final class RecordDeframer {
  private final int maxRecord;
  private final ByteArrayOutputStream current = new ByteArrayOutputStream(256);
  private int quoting;
  private boolean sawFf;
  private boolean failed;

  /**
   * @param maxRecord the longest message accepted (the decompression memory size is apt)
   */
  public RecordDeframer(int maxRecord) {
    this.maxRecord = maxRecord;
  }

  /**
   * Feeds received bytes; returns the messages they complete, in order.
   *
   * @throws DecompressionFailure with {@link NackReason#FRAMING_ERROR} when the stream is broken
   */
  public List<byte[]> feed(byte[] data, int offset, int length) throws DecompressionFailure {
    if (failed) {
      throw new DecompressionFailure(NackReason.FRAMING_ERROR, "stream already failed");
    }
    List<byte[]> records = new ArrayList<>(1);
    for (int i = offset; i < offset + length; i++) {
      int b = data[i] & 0xFF;
      if (quoting > 0) {
        append(b);
        quoting--;
      } else if (sawFf) {
        sawFf = false;
        if (b == 0xFF) {
          if (current.size() > 0) {
            records.add(current.toByteArray());
            current.reset();
          }
        } else if (b < 0x80) {
          append(0xFF);
          quoting = b;
        } else {
          failed = true;
          throw new DecompressionFailure(
              NackReason.FRAMING_ERROR, String.format("unquoted 0xFF%02X in the stream", b));
        }
      } else if (b == 0xFF) {
        sawFf = true;
      } else {
        append(b);
      }
    }
    return records;
  }

  /** Bytes of an unfinished message held now. */
  public int pending() {
    return current.size();
  }

  private void append(int b) throws DecompressionFailure {
    if (current.size() >= maxRecord) {
      failed = true;
      throw new DecompressionFailure(
          NackReason.FRAMING_ERROR, "record longer than " + maxRecord + " bytes");
    }
    current.write(b);
  }
}
