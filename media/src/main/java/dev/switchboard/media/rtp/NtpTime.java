package dev.switchboard.media.rtp;

/** Wall-clock time in NTP's 64-bit fixed-point format (seconds since 1900), as RTCP carries it. */
public final class NtpTime {

  /** Seconds from 1900-01-01 to 1970-01-01. */
  static final long EPOCH_OFFSET_SECONDS = 2_208_988_800L;

  private NtpTime() {}

  /** The 64-bit NTP timestamp of a Unix time in milliseconds. */
  public static long fromUnixMillis(long millis) {
    long seconds = Math.floorDiv(millis, 1000) + EPOCH_OFFSET_SECONDS;
    long fraction = (Math.floorMod(millis, 1000L) << 32) / 1000;
    return seconds << 32 | fraction;
  }

  /** The middle 32 bits (16 of seconds, 16 of fraction), the form LSR and round trips use. */
  public static long middle32(long ntp) {
    return (ntp >>> 16) & 0xFFFF_FFFFL;
  }

  /** A duration in nanoseconds as units of 1/65536 s (DLSR and the middle-32 format). */
  public static long toShortUnits(long nanos) {
    return nanos * 65536 / 1_000_000_000L;
  }

  /** Units of 1/65536 s as nanoseconds. */
  public static long fromShortUnits(long units) {
    return units * 1_000_000_000L / 65536;
  }
}
