package dev.switchboard.media.rtp;

/** Network byte order reads and writes of 16- and 32-bit unsigned fields in a byte array. */
final class BigEndian {

  private BigEndian() {}

  static void putShort(byte[] out, int at, int value) {
    out[at] = (byte) (value >> 8);
    out[at + 1] = (byte) value;
  }

  static void putInt(byte[] out, int at, long value) {
    out[at] = (byte) (value >> 24);
    out[at + 1] = (byte) (value >> 16);
    out[at + 2] = (byte) (value >> 8);
    out[at + 3] = (byte) value;
  }

  static int getShort(byte[] data, int at) {
    return (data[at] & 0xFF) << 8 | data[at + 1] & 0xFF;
  }

  static long getInt(byte[] data, int at) {
    return ((long) (data[at] & 0xFF) << 24)
        | (data[at + 1] & 0xFF) << 16
        | (data[at + 2] & 0xFF) << 8
        | data[at + 3] & 0xFF;
  }
}
