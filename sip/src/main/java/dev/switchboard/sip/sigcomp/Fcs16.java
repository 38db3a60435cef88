package dev.switchboard.sip.sigcomp;

/**
 * The 16-bit frame check sequence of PPP (RFC 1662 §C.2, polynomial x^16 + x^12 + x^5 + 1) that the
 * UDVM's CRC instruction verifies.
 */
final class Fcs16 {
  private static final int[] TABLE = new int[256];

  static {
    for (int b = 0; b < 256; b++) {
      int v = b;
      for (int i = 0; i < 8; i++) {
        v = (v & 1) != 0 ? v >>> 1 ^ 0x8408 : v >>> 1;
      }
      TABLE[b] = v;
    }
  }

  private Fcs16() {}

  /**
   * The FCS register after the bytes, starting from 0xFFFF and without the final ones' complement:
   * the value the CRC instruction compares (RFC 4465 §2.9 expects 0x62cb for its test string).
   */
  static int of(byte[] data) {
    int fcs = 0xFFFF;
    for (byte b : data) {
      fcs = fcs >>> 8 ^ TABLE[(fcs ^ b) & 0xFF];
    }
    return fcs;
  }
}
