package dev.switchboard.media.rtp;

/**
 * One reception report block of an SR or RR (RFC 3550 §6.4.1): what we received from one source.
 *
 * @param ssrc the source this block reports on
 * @param fractionLost packets lost since the previous report, as a fraction of 256
 * @param cumulativeLost packets lost since the start (24-bit signed; duplicates may make it
 *     negative)
 * @param extendedHighestSequence highest sequence number received, with 16 bits of wrap count
 * @param jitter interarrival jitter in timestamp units (Appendix A.8)
 * @param lastSenderReport middle 32 bits of the NTP timestamp of the last SR received (0 if none)
 * @param delaySinceLastSenderReport since that SR, in units of 1/65536 s (0 if none)
 */
public record ReportBlock(
    long ssrc,
    int fractionLost,
    int cumulativeLost,
    long extendedHighestSequence,
    long jitter,
    long lastSenderReport,
    long delaySinceLastSenderReport) {

  /** Bytes on the wire. */
  public static final int LENGTH = 24;

  /** Checks each field fits. */
  public ReportBlock {
    if (fractionLost < 0 || fractionLost > 255) {
      throw new IllegalArgumentException("fraction lost must be 0..255: " + fractionLost);
    }
    if (cumulativeLost < -0x800000 || cumulativeLost > 0x7FFFFF) {
      throw new IllegalArgumentException("cumulative lost must fit 24 bits: " + cumulativeLost);
    }
  }

  /** The fraction lost as a number between 0 and 1. */
  public double lossFraction() {
    return fractionLost / 256.0;
  }

  void writeTo(byte[] out, int at) {
    BigEndian.putInt(out, at, ssrc);
    BigEndian.putInt(out, at + 4, (long) fractionLost << 24 | (cumulativeLost & 0xFFFFFF));
    BigEndian.putInt(out, at + 8, extendedHighestSequence);
    BigEndian.putInt(out, at + 12, jitter);
    BigEndian.putInt(out, at + 16, lastSenderReport);
    BigEndian.putInt(out, at + 20, delaySinceLastSenderReport);
  }

  static ReportBlock parse(byte[] data, int at) {
    long lossWord = BigEndian.getInt(data, at + 4);
    int cumulative = (int) (lossWord & 0xFFFFFF);
    if ((cumulative & 0x800000) != 0) {
      cumulative |= 0xFF000000; // sign-extend 24 bits
    }
    return new ReportBlock(
        BigEndian.getInt(data, at),
        (int) (lossWord >>> 24),
        cumulative,
        BigEndian.getInt(data, at + 8),
        BigEndian.getInt(data, at + 12),
        BigEndian.getInt(data, at + 16),
        BigEndian.getInt(data, at + 20));
  }
}
