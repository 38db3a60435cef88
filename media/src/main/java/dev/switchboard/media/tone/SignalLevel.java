package dev.switchboard.media.tone;

/** Loudness of a block of 16-bit samples: RMS and its level relative to full scale. */
public final class SignalLevel {

  private SignalLevel() {}

  /** Root mean square of the samples. */
  public static double rms(short[] samples, int offset, int length) {
    if (length == 0) {
      return 0;
    }
    double sum = 0;
    for (int i = offset, end = offset + length; i < end; i++) {
      sum += (double) samples[i] * samples[i];
    }
    return Math.sqrt(sum / length);
  }

  /** The RMS in dB relative to a full-scale sine's RMS (0 dBFS), at least -120. */
  public static double dbfs(short[] samples, int offset, int length) {
    double rms = rms(samples, offset, length);
    return rms <= 0 ? -120 : Math.max(-120, 20 * Math.log10(rms / (32767 / Math.sqrt(2))));
  }
}
