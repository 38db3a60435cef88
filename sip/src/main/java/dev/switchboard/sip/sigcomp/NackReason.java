package dev.switchboard.sip.sigcomp;

/**
 * Why a SigComp message could not be decompressed: the reason codes of RFC 4077 §3.2, which a NACK
 * carries back to the sender.
 */
public enum NackReason {
  STATE_NOT_FOUND(1),
  CYCLES_EXHAUSTED(2),
  USER_REQUESTED(3),
  SEGFAULT(4),
  TOO_MANY_STATE_REQUESTS(5),
  INVALID_STATE_ID_LENGTH(6),
  INVALID_STATE_PRIORITY(7),
  OUTPUT_OVERFLOW(8),
  STACK_UNDERFLOW(9),
  BAD_INPUT_BITORDER(10),
  DIV_BY_ZERO(11),
  SWITCH_VALUE_TOO_HIGH(12),
  TOO_MANY_BITS_REQUESTED(13),
  INVALID_OPERAND(14),
  HUFFMAN_NO_MATCH(15),
  MESSAGE_TOO_SHORT(16),
  INVALID_CODE_LOCATION(17),
  BYTECODES_TOO_LARGE(18),
  INVALID_OPCODE(19),
  INVALID_STATE_PROBE(20),
  ID_NOT_UNIQUE(21),
  MULTILOAD_OVERWRITTEN(22),
  STATE_TOO_SHORT(23),
  INTERNAL_ERROR(24),
  FRAMING_ERROR(25);

  private static final NackReason[] BY_CODE = new NackReason[26];

  static {
    for (NackReason r : values()) {
      BY_CODE[r.code] = r;
    }
  }

  private final int code;

  NackReason(int code) {
    this.code = code;
  }

  /** The one-byte code on the wire. */
  public int code() {
    return code;
  }

  /** The reason for a wire code, or null for a code this version does not know. */
  public static NackReason ofCode(int code) {
    return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }
}
