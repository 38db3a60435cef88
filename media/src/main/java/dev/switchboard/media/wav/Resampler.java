package dev.switchboard.media.wav;

/**
 * Converts a sample rate by windowed-sinc interpolation (a Blackman-windowed low-pass at 90 % of
 * the lower Nyquist frequency, 32 taps a side): enough for prompts recorded at 16, 22.05, 44.1 or
 * 48 kHz to play cleanly over G.711. Offline work, not for the clock thread.
 */
public final class Resampler {

  private static final int HALF_TAPS = 32;

  private Resampler() {}

  /** {@code input} at {@code fromRate} as samples at {@code toRate}. */
  public static short[] resample(short[] input, int fromRate, int toRate) {
    if (fromRate <= 0 || toRate <= 0) {
      throw new IllegalArgumentException(
          "sample rates must be positive: " + fromRate + ", " + toRate);
    }
    if (fromRate == toRate) {
      return input.clone();
    }
    int outLength = (int) ((long) input.length * toRate / fromRate);
    short[] out = new short[outLength];
    double ratio = (double) toRate / fromRate;
    double cutoff = 0.9 * Math.min(1.0, ratio); // of the input's Nyquist frequency
    // when decimating, the filter spans more input samples to keep its shape
    double span = HALF_TAPS / Math.min(1.0, ratio);
    for (int n = 0; n < outLength; n++) {
      double center = n / ratio;
      int first = (int) Math.ceil(center - span);
      int last = (int) Math.floor(center + span);
      double sum = 0;
      double weights = 0;
      for (int k = Math.max(0, first); k <= Math.min(input.length - 1, last); k++) {
        double x = k - center;
        double w = cutoff * sinc(cutoff * x) * blackman(x / span);
        sum += input[k] * w;
        weights += w;
      }
      double value = weights == 0 ? 0 : sum / weights;
      out[n] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(value)));
    }
    return out;
  }

  private static double sinc(double x) {
    if (Math.abs(x) < 1e-9) {
      return 1;
    }
    return Math.sin(Math.PI * x) / (Math.PI * x);
  }

  /** Blackman window on [-1, 1]. */
  private static double blackman(double t) {
    if (Math.abs(t) >= 1) {
      return 0;
    }
    double u = (t + 1) / 2; // 0..1
    return 0.42 - 0.5 * Math.cos(2 * Math.PI * u) + 0.08 * Math.cos(4 * Math.PI * u);
  }
}
