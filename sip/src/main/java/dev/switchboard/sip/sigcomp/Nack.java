package dev.switchboard.sip.sigcomp;

import java.util.Arrays;

/**
 * A SigComp negative acknowledgement (RFC 4077 §3): why a message failed, where in its bytecode,
 * the SHA-1 of the failed message so its sender can find the compartment, and the details.
 *
 * @param reason null when the peer sent a reason code this version does not know
 */
public record Nack(NackReason reason, int opcode, int pc, byte[] messageHash, byte[] details) {
  static final int VERSION = 1;

  /** The NACK for a failed message; {@code failedMessage} is the message as received, unescaped. */
  static Nack of(DecompressionFailure f, byte[] failedMessage, int offset, int length) {
    byte[] hash =
        f.reason() == NackReason.FRAMING_ERROR
            ? new byte[20]
            : Sha1.of(failedMessage, offset, length);
    return new Nack(f.reason(), f.opcode(), f.pc(), hash, f.details());
  }

  /** The NACK as a SigComp message: no feedback item, code_len 0, version 1 (Figure 1). */
  byte[] encode() {
    byte[] out = new byte[3 + 4 + 20 + details.length];
    out[0] = (byte) 0xF8;
    out[1] = 0;
    out[2] = (byte) VERSION;
    out[3] = (byte) reason.code();
    out[4] = (byte) opcode;
    out[5] = (byte) (pc >> 8);
    out[6] = (byte) pc;
    System.arraycopy(messageHash, 0, out, 7, 20);
    System.arraycopy(details, 0, out, 27, details.length);
    return out;
  }

  /** The NACK a parsed message carries; null when it is malformed or of an unknown version. */
  static Nack decode(SigCompMessage m) {
    int p = m.remainingOffset;
    if (!m.isNack() || m.destination != VERSION || m.end - p < 24) {
      return null;
    }
    byte[] b = m.bytes;
    return new Nack(
        NackReason.ofCode(b[p] & 0xFF),
        b[p + 1] & 0xFF,
        (b[p + 2] & 0xFF) << 8 | b[p + 3] & 0xFF,
        Arrays.copyOfRange(b, p + 4, p + 24),
        Arrays.copyOfRange(b, p + 24, m.end));
  }
}
