package dev.switchboard.media.tone;

/**
 * The Goertzel filter: the power of one frequency in a block of samples, for a few multiplies a
 * sample (cheaper than an FFT when only a handful of frequencies matter, as in DTMF).
 */
public final class Goertzel {

  private final double coefficient;

  /** A filter for {@code frequency} Hz at {@code sampleRate}. */
  public Goertzel(double frequency, int sampleRate) {
    this.coefficient = 2 * Math.cos(2 * Math.PI * frequency / sampleRate);
  }

  /**
   * The squared magnitude of the frequency's DFT term over {@code length} samples. A sine of
   * amplitude A gives about (A·N/2)², so {@code 2 · power / N} is its energy in the block.
   */
  public double power(short[] samples, int offset, int length) {
    double s1 = 0;
    double s2 = 0;
    for (int i = offset, end = offset + length; i < end; i++) {
      double s0 = samples[i] + coefficient * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
  }
}
