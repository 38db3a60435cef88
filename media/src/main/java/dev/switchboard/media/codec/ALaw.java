package dev.switchboard.media.codec;

/**
 * G.711 A-law companding by table: 13-bit linear magnitude, eight segments of 16 steps, even bits
 * inverted on the wire (XOR 0x55).
 */
public final class ALaw {

  // Indexed by the sample's top 13 bits (two's complement).
  private static final byte[] ENCODE = new byte[1 << 13];
  private static final short[] DECODE = new short[256];

  static {
    for (int i = 0; i < ENCODE.length; i++) {
      int linear13 = (short) (i << 3) >> 3; // sign-extend the 13-bit index
      ENCODE[i] = compress(linear13);
    }
    for (int code = 0; code < 256; code++) {
      DECODE[code] = expand(code);
    }
  }

  private ALaw() {}

  /** A 16-bit linear sample to its A-law code. */
  public static byte encode(short sample) {
    return ENCODE[(sample >> 3) & 0x1FFF];
  }

  /** An A-law code to its 16-bit linear sample. */
  public static short decode(byte code) {
    return DECODE[code & 0xFF];
  }

  private static byte compress(int linear13) {
    int mask;
    int magnitude;
    if (linear13 >= 0) {
      mask = 0xD5;
      magnitude = linear13;
    } else {
      // A-law has no negative zero: -1 maps onto the first negative step
      mask = 0x55;
      magnitude = -linear13 - 1;
    }
    if (magnitude >= 4096) {
      return (byte) (0x7F ^ mask);
    }
    int segment = magnitude < 32 ? 0 : 31 - Integer.numberOfLeadingZeros(magnitude) - 4;
    int step = segment == 0 ? (magnitude >> 1) & 0x0F : (magnitude >> segment) & 0x0F;
    return (byte) ((segment << 4 | step) ^ mask);
  }

  private static short expand(int code) {
    int a = (code ^ 0x55) & 0xFF;
    int segment = (a >> 4) & 0x07;
    int step = a & 0x0F;
    int magnitude = segment == 0 ? (step << 4) + 8 : ((step << 4) + 0x108) << (segment - 1);
    return (short) ((a & 0x80) != 0 ? magnitude : -magnitude);
  }
}
