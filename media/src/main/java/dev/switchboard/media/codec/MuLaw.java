package dev.switchboard.media.codec;

/**
 * G.711 µ-law companding by table: 14-bit linear magnitude, bias 33, eight segments of 16 steps,
 * all bits inverted on the wire.
 */
public final class MuLaw {

  private static final int BIAS = 33;
  private static final int CLIP = 8159;
  // Indexed by the sample's top 14 bits (two's complement), so encoding is one lookup.
  private static final byte[] ENCODE = new byte[1 << 14];
  private static final short[] DECODE = new short[256];

  static {
    for (int i = 0; i < ENCODE.length; i++) {
      int linear14 = (short) (i << 2) >> 2; // sign-extend the 14-bit index
      ENCODE[i] = compress(linear14);
    }
    for (int code = 0; code < 256; code++) {
      DECODE[code] = expand(code);
    }
  }

  private MuLaw() {}

  /** A 16-bit linear sample to its µ-law code. */
  public static byte encode(short sample) {
    return ENCODE[(sample >> 2) & 0x3FFF];
  }

  /** A µ-law code to its 16-bit linear sample. */
  public static short decode(byte code) {
    return DECODE[code & 0xFF];
  }

  private static byte compress(int linear14) {
    int sign = linear14 < 0 ? 0x80 : 0;
    // negative values use the one's complement, as the ITU reference encoder does
    int magnitude = Math.min(linear14 < 0 ? ~linear14 : linear14, CLIP) + BIAS;
    // segment = position of the highest set bit above bit 5 (magnitude is at least 33 here)
    int segment = 31 - Integer.numberOfLeadingZeros(magnitude) - 5;
    if (segment > 7) { // CLIP + BIAS is 2^13: the top of the last segment
      return (byte) ~(sign | 0x7F);
    }
    int step = (magnitude >> (segment + 1)) & 0x0F;
    return (byte) ~(sign | segment << 4 | step);
  }

  private static short expand(int code) {
    int u = ~code & 0xFF;
    int segment = (u >> 4) & 0x07;
    int step = u & 0x0F;
    // reconstruct at the middle of the step, in the 16-bit scale (bias 33 * 4 = 132)
    int magnitude = (((step << 3) + 132) << segment) - 132;
    return (short) ((u & 0x80) != 0 ? -magnitude : magnitude);
  }
}
