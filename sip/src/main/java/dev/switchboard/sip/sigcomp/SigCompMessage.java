package dev.switchboard.sip.sigcomp;

import java.util.Arrays;

/**
 * The header of one SigComp message (RFC 3320 §7): the returned feedback item, then either a
 * partial state identifier or uploaded bytecode with its destination, then the remaining message
 * for the UDVM's INPUT instructions. Fields point into the received bytes; nothing is copied.
 */
final class SigCompMessage {
  final byte[] bytes;
  final int offset;
  final int end;

  /** The returned feedback item as on the wire, or null when the T-bit is clear. */
  final byte[] returnedFeedbackItem;

  /** 6, 9 or 12 bytes of a state identifier; null when the message uploads bytecode. */
  final byte[] partialStateId;

  /** Where uploaded bytecode goes (128 … 1024); for a NACK, the NACK version. */
  final int destination;

  final int codeOffset;
  final int codeLength;
  final int remainingOffset;

  private SigCompMessage(
      byte[] bytes,
      int offset,
      int end,
      byte[] returnedFeedbackItem,
      byte[] partialStateId,
      int destination,
      int codeOffset,
      int codeLength,
      int remainingOffset) {
    this.bytes = bytes;
    this.offset = offset;
    this.end = end;
    this.returnedFeedbackItem = returnedFeedbackItem;
    this.partialStateId = partialStateId;
    this.destination = destination;
    this.codeOffset = codeOffset;
    this.codeLength = codeLength;
    this.remainingOffset = remainingOffset;
  }

  /** Whether a byte can start a SigComp message: its five most significant bits are set. */
  static boolean isSigCompByte(int b) {
    return (b & 0xF8) == 0xF8;
  }

  /** Parses the header; a header that does not fit or names destination 0 fails (§7). */
  static SigCompMessage parse(byte[] bytes, int offset, int length) throws DecompressionFailure {
    int end = offset + length;
    if (length < 1 || !isSigCompByte(bytes[offset])) {
      throw new DecompressionFailure(NackReason.MESSAGE_TOO_SHORT, "not a SigComp message");
    }
    int first = bytes[offset] & 0xFF;
    int p = offset + 1;
    byte[] feedback = null;
    if ((first & 0x04) != 0) {
      need(p + 1, end, "returned feedback item");
      int b = bytes[p] & 0xFF;
      int itemLength = (b & 0x80) == 0 ? 1 : 1 + (b & 0x7F);
      need(p + itemLength, end, "returned feedback item");
      feedback = Arrays.copyOfRange(bytes, p, p + itemLength);
      p += itemLength;
    }
    int len = first & 0x03;
    if (len != 0) {
      int idLength = 3 + 3 * len;
      need(p + idLength, end, "partial state identifier");
      byte[] id = Arrays.copyOfRange(bytes, p, p + idLength);
      return new SigCompMessage(bytes, offset, end, feedback, id, 0, 0, 0, p + idLength);
    }
    need(p + 2, end, "code_len");
    int codeLength = (bytes[p] & 0xFF) << 4 | (bytes[p + 1] & 0xFF) >> 4;
    int destinationCode = bytes[p + 1] & 0x0F;
    p += 2;
    if (codeLength == 0) {
      // A NACK (RFC 4077 §3): no bytecode, the destination field is the NACK version.
      return new SigCompMessage(bytes, offset, end, feedback, null, destinationCode, p, 0, p);
    }
    if (destinationCode == 0) {
      throw new DecompressionFailure(
          NackReason.INVALID_CODE_LOCATION, "bytecode destination 0 is reserved");
    }
    need(p + codeLength, end, "uploaded bytecode");
    return new SigCompMessage(
        bytes,
        offset,
        end,
        feedback,
        null,
        (destinationCode + 1) * 64,
        p,
        codeLength,
        p + codeLength);
  }

  private static void need(int position, int end, String what) throws DecompressionFailure {
    if (position > end) {
      throw new DecompressionFailure(NackReason.MESSAGE_TOO_SHORT, "message ends in the " + what);
    }
  }

  boolean isNack() {
    return partialStateId == null && codeLength == 0;
  }

  int length() {
    return end - offset;
  }

  /** The header's length in bytes: everything before the remaining SigComp message. */
  int headerLength() {
    return remainingOffset - offset;
  }
}
