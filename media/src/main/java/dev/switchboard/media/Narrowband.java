package dev.switchboard.media;

/**
 * The one audio format the module works in: 8 kHz, 16-bit signed linear PCM, mono, cut into 20 ms
 * frames of 160 samples (what G.711 and RFC 4733 use on the telephone network).
 */
public final class Narrowband {

  /** Samples per second. */
  public static final int SAMPLE_RATE = 8000;

  /** Length of one frame in milliseconds (the usual packetisation time, {@code ptime}). */
  public static final int FRAME_MILLIS = 20;

  /** Samples in one 20 ms frame; also the RTP timestamp step of one G.711 packet. */
  public static final int FRAME_SAMPLES = SAMPLE_RATE * FRAME_MILLIS / 1000;

  /** One frame's duration in nanoseconds, the media clock's period. */
  public static final long FRAME_NANOS = FRAME_MILLIS * 1_000_000L;

  private Narrowband() {}

  /** A new frame of silence. */
  public static short[] silentFrame() {
    return new short[FRAME_SAMPLES];
  }

  /** Samples in {@code millis} milliseconds. */
  public static int samples(long millis) {
    return Math.toIntExact(millis * SAMPLE_RATE / 1000);
  }
}
