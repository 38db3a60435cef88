package dev.switchboard.media.wav;

import dev.switchboard.media.Narrowband;

/**
 * Mono audio read from a WAV file: 16-bit samples at the file's rate, and the encoding it was
 * stored in.
 */
public record WavAudio(int sampleRate, WavEncoding encoding, short[] samples) {

  /** The audio at 8 kHz, resampled when the file had another rate. */
  public short[] narrowband() {
    return sampleRate == Narrowband.SAMPLE_RATE
        ? samples
        : Resampler.resample(samples, sampleRate, Narrowband.SAMPLE_RATE);
  }

  /** Length in milliseconds. */
  public long millis() {
    return samples.length * 1000L / sampleRate;
  }
}
