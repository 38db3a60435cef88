package dev.switchboard.media.rtp;

import java.util.Arrays;

/**
 * The RTP header extension of RFC 3550 §5.3.1: a 16-bit profile-defined value and data in whole
 * 32-bit words (RFC 8285 elements live inside {@code data}).
 */
public record RtpHeaderExtension(int profile, byte[] data) {

  /** Checks the profile is 16 bits and the data whole words. */
  public RtpHeaderExtension {
    if (profile < 0 || profile > 0xFFFF) {
      throw new IllegalArgumentException("extension profile must be 16 bits: " + profile);
    }
    if (data.length % 4 != 0 || data.length / 4 > 0xFFFF) {
      throw new IllegalArgumentException(
          "extension data must be whole 32-bit words: " + data.length + " bytes");
    }
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** Bytes on the wire, including its 4-byte header. */
  public int length() {
    return 4 + data.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RtpHeaderExtension other
        && profile == other.profile
        && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return 31 * profile + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "RtpHeaderExtension[profile=0x"
        + Integer.toHexString(profile)
        + ", "
        + data.length
        + " bytes]";
  }

  void writeTo(byte[] out, int offset) {
    out[offset] = (byte) (profile >> 8);
    out[offset + 1] = (byte) profile;
    int words = data.length / 4;
    out[offset + 2] = (byte) (words >> 8);
    out[offset + 3] = (byte) words;
    System.arraycopy(data, 0, out, offset + 4, data.length);
  }
}
