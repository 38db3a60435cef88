package dev.switchboard.sip.sigcomp;

/**
 * The remaining SigComp message the dispatcher holds for the UDVM's INPUT instructions (RFC 3320
 * §8.2): whole bytes for INPUT-BYTES, single bits in P-bit order for INPUT-BITS and INPUT-HUFFMAN.
 * A request for more than is left returns nothing and leaves the input as it was (RFC 4896 §3.1).
 */
final class CompressedInput {
  private final byte[] data;
  private final int end;
  private int pos;
  private int current;
  private int bitsLeft;
  private int lastPBit;

  CompressedInput(byte[] data, int from, int end) {
    this.data = data;
    this.pos = from;
    this.end = end;
  }

  /** Bits still available, counting the held fraction of a byte. */
  long bitsAvailable() {
    return bitsLeft + 8L * (end - pos);
  }

  int bytesAvailable() {
    return end - pos;
  }

  /** Drops the held fraction of a byte, as INPUT-BYTES must (RFC 3320 §9.4.2). */
  void discardPartialByte() {
    bitsLeft = 0;
  }

  /** Drops the held fraction when the P-bit differs from the last bit-wise INPUT (§8.2). */
  void usePBit(int pBit) {
    if (pBit != lastPBit) {
      bitsLeft = 0;
      lastPBit = pBit;
    }
  }

  int nextByte() {
    return data[pos++] & 0xFF;
  }

  /** Takes {@code n} whole bytes (the caller checked they are there) into {@code into}. */
  void copyBytes(byte[] into, int at, int n) {
    System.arraycopy(data, pos, into, at, n);
    pos += n;
  }

  /**
   * Reads {@code n} bits (0..16) as an integer: bits leave each byte MSB first when {@code pBit} is
   * 0, LSB first when 1; the first bit read is the integer's MSB unless {@code lsbFirst}.
   */
  int readBits(int n, int pBit, boolean lsbFirst) {
    int value = 0;
    for (int i = 0; i < n; i++) {
      if (bitsLeft == 0) {
        current = data[pos++] & 0xFF;
        bitsLeft = 8;
      }
      int bit = pBit == 0 ? current >> (bitsLeft - 1) & 1 : current >> (8 - bitsLeft) & 1;
      bitsLeft--;
      value = lsbFirst ? value | bit << i : value << 1 | bit;
    }
    return value;
  }

  /** Where the input stands, to undo a multi-step INPUT-HUFFMAN that runs out of data. */
  long mark() {
    return (long) pos << 16 | (long) current << 8 | bitsLeft;
  }

  void reset(long mark) {
    pos = (int) (mark >>> 16);
    current = (int) (mark >> 8 & 0xFF);
    bitsLeft = (int) (mark & 0xFF);
  }
}
