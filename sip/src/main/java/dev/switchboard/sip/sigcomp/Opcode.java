package dev.switchboard.sip.sigcomp;

import java.util.HashMap;
import java.util.Map;

/**
 * The 36 UDVM instructions of RFC 3320 §9 with their bytecode values and operand types. The
 * decompressor and the assembler both read this table, so they cannot disagree.
 */
enum Opcode {
  DECOMPRESSION_FAILURE(0, ""),
  AND(1, "$%"),
  OR(2, "$%"),
  NOT(3, "$"),
  LSHIFT(4, "$%"),
  RSHIFT(5, "$%"),
  ADD(6, "$%"),
  SUBTRACT(7, "$%"),
  MULTIPLY(8, "$%"),
  DIVIDE(9, "$%"),
  REMAINDER(10, "$%"),
  SORT_ASCENDING(11, "%%%"),
  SORT_DESCENDING(12, "%%%"),
  SHA_1(13, "%%%"),
  LOAD(14, "%%"),
  /** Then n multitype values. */
  MULTILOAD(15, "%#"),
  PUSH(16, "%"),
  POP(17, "%"),
  COPY(18, "%%%"),
  COPY_LITERAL(19, "%%$"),
  COPY_OFFSET(20, "%%$"),
  MEMSET(21, "%%%%"),
  JUMP(22, "@"),
  COMPARE(23, "%%@@@"),
  CALL(24, "@"),
  RETURN(25, ""),
  /** Then n addresses. */
  SWITCH(26, "#%"),
  CRC(27, "%%%@"),
  INPUT_BYTES(28, "%%@"),
  INPUT_BITS(29, "%%@"),
  /** Then n groups of four multitypes: bits, lower bound, upper bound, uncompressed. */
  INPUT_HUFFMAN(30, "%@#"),
  STATE_ACCESS(31, "%%%%%%"),
  STATE_CREATE(32, "%%%%%"),
  STATE_FREE(33, "%%"),
  OUTPUT(34, "%%"),
  END_MESSAGE(35, "%%%%%%%");

  private static final Opcode[] BY_CODE = values();
  private static final Map<String, Opcode> BY_MNEMONIC = new HashMap<>();

  static {
    for (Opcode o : BY_CODE) {
      BY_MNEMONIC.put(o.mnemonic(), o);
    }
  }

  final int code;

  /**
   * The fixed operands: {@code #} literal, {@code $} reference, {@code %} multitype, {@code @}
   * address (RFC 3320 §8.5).
   */
  final String operands;

  Opcode(int code, String operands) {
    this.code = code;
    this.operands = operands;
  }

  /** The name in UDVM assembly (RFC 4464 §3), e.g. {@code COPY-LITERAL}. */
  String mnemonic() {
    return name().replace('_', '-');
  }

  /** The operands repeated n times after the fixed ones, where n is the last fixed literal. */
  String repeated() {
    return switch (this) {
      case MULTILOAD -> "%";
      case SWITCH -> "@";
      case INPUT_HUFFMAN -> "%%%%";
      default -> "";
    };
  }

  static Opcode ofCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }

  static Opcode ofMnemonic(String name) {
    return BY_MNEMONIC.get(name);
  }
}
