package dev.switchboard.media.tone;

import dev.switchboard.media.FrameSource;
import dev.switchboard.media.Narrowband;

/**
 * A frame source of one or two sines with an optional on/off cadence (dial, ringback and busy
 * tones, DTMF keys, test tones). The phase runs on across frames, so the sines have no clicks.
 */
public final class ToneGenerator implements FrameSource {

  private final double[] phaseSteps;
  private final double[] phases;
  private final double amplitude;
  private final int[] cadenceSamples;
  private final int totalSamples;
  private final short[] frame = new short[Narrowband.FRAME_SAMPLES];
  private long position;

  /**
   * @param frequencies one or more frequencies in Hz, summed
   * @param amplitude peak amplitude of each sine (their sum must stay under 32768)
   * @param cadenceMillis on, off, on, off ... in ms, repeating; empty for a continuous tone
   * @param durationMillis total length, or 0 for endless
   */
  public ToneGenerator(
      double[] frequencies, int amplitude, int[] cadenceMillis, int durationMillis) {
    if (frequencies.length == 0) {
      throw new IllegalArgumentException("a tone needs a frequency");
    }
    if (amplitude < 0 || (long) amplitude * frequencies.length > Short.MAX_VALUE) {
      throw new IllegalArgumentException("tone amplitude would clip: " + amplitude);
    }
    if (cadenceMillis.length % 2 != 0) {
      throw new IllegalArgumentException("a cadence is pairs of on/off times");
    }
    this.phaseSteps = new double[frequencies.length];
    this.phases = new double[frequencies.length];
    for (int i = 0; i < frequencies.length; i++) {
      if (frequencies[i] <= 0 || frequencies[i] >= Narrowband.SAMPLE_RATE / 2.0) {
        throw new IllegalArgumentException(
            "tone frequency must be 0 < f < 4000 Hz: " + frequencies[i]);
      }
      phaseSteps[i] = 2 * Math.PI * frequencies[i] / Narrowband.SAMPLE_RATE;
    }
    this.amplitude = amplitude;
    this.cadenceSamples = new int[cadenceMillis.length];
    for (int i = 0; i < cadenceMillis.length; i++) {
      cadenceSamples[i] = Narrowband.samples(cadenceMillis[i]);
    }
    this.totalSamples = durationMillis == 0 ? -1 : Narrowband.samples(durationMillis);
  }

  /** A continuous sine. */
  public static ToneGenerator sine(double frequency, int amplitude) {
    return new ToneGenerator(new double[] {frequency}, amplitude, new int[0], 0);
  }

  /** A sine lasting {@code millis}. */
  public static ToneGenerator sine(double frequency, int amplitude, int millis) {
    return new ToneGenerator(new double[] {frequency}, amplitude, new int[0], millis);
  }

  /** The dual tone of one DTMF key (Q.23 frequencies), lasting {@code millis}. */
  public static ToneGenerator dtmf(char key, int amplitude, int millis) {
    DtmfFrequencies pair = DtmfFrequencies.of(key);
    return new ToneGenerator(new double[] {pair.low(), pair.high()}, amplitude, new int[0], millis);
  }

  /** Whether a tone of limited duration has played out. */
  public boolean finished() {
    return totalSamples >= 0 && position >= totalSamples;
  }

  @Override
  public short[] nextFrame() {
    if (finished()) {
      return null;
    }
    fill(frame, 0, frame.length);
    return frame;
  }

  /** Writes the next {@code length} samples into {@code out} (silence after the end). */
  public void fill(short[] out, int offset, int length) {
    for (int i = 0; i < length; i++, position++) {
      double value = 0;
      for (int k = 0; k < phases.length; k++) {
        value += Math.sin(phases[k]);
        phases[k] += phaseSteps[k];
        if (phases[k] > 2 * Math.PI) {
          phases[k] -= 2 * Math.PI;
        }
      }
      boolean on = (totalSamples < 0 || position < totalSamples) && cadenceOn(position);
      out[offset + i] = on ? (short) Math.round(value * amplitude) : 0;
    }
  }

  private boolean cadenceOn(long sample) {
    if (cadenceSamples.length == 0) {
      return true;
    }
    long cycle = 0;
    for (int s : cadenceSamples) {
      cycle += s;
    }
    long at = sample % cycle;
    for (int i = 0; i < cadenceSamples.length; i++) {
      if (at < cadenceSamples[i]) {
        return i % 2 == 0;
      }
      at -= cadenceSamples[i];
    }
    return false;
  }

  /** Generates {@code millis} of this tone into a new array. */
  public short[] render(int millis) {
    short[] out = new short[Narrowband.samples(millis)];
    fill(out, 0, out.length);
    return out;
  }
}
