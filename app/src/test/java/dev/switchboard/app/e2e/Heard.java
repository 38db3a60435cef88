package dev.switchboard.app.e2e;

import dev.switchboard.media.tone.FrequencyAnalyzer;
import dev.switchboard.media.tone.Goertzel;
import dev.switchboard.media.wav.WavReader;
import java.io.IOException;
import java.nio.file.Path;

/** What a recording contains: the share of its energy near a frequency (media's analyzer). */
final class Heard {
  private Heard() {}

  /** The fraction of {@code wav}'s energy within 25 Hz of {@code hz}. */
  static double share(Path wav, double hz) throws IOException {
    FrequencyAnalyzer a = new FrequencyAnalyzer();
    a.accept(WavReader.read(wav).narrowband());
    return a.blocks() == 0 ? 0 : a.shareNear(hz, 25);
  }

  /**
   * For how many milliseconds {@code wav} carries {@code hz}: 20 ms frames, not silent, whose
   * energy is at least 30% at that frequency (one of two or three voices mixed counts).
   */
  static long millis(Path wav, double hz) throws IOException {
    return millis(wav, hz, 0, Long.MAX_VALUE);
  }

  /** As {@link #millis(Path, double)}, counting only frames from {@code fromMs} to {@code toMs}. */
  static long millis(Path wav, double hz, long fromMs, long toMs) throws IOException {
    short[] all = WavReader.read(wav).narrowband();
    int from = (int) Math.min(all.length, fromMs * 8);
    int to = (int) Math.min(all.length, Math.max(from, Math.min(toMs, all.length / 8) * 8));
    short[] s = java.util.Arrays.copyOfRange(all, from, to);
    Goertzel g = new Goertzel(hz, 8000);
    int n = 160;
    long frames = 0;
    for (int at = 0; at + n <= s.length; at += n) {
      double energy = 0;
      for (int i = at; i < at + n; i++) {
        energy += (double) s[i] * s[i];
      }
      if (energy / n < 100 * 100) {
        continue; // quieter than a tone at 100 of 32767: silence
      }
      if (2 * g.power(s, at, n) / n / energy > 0.3) {
        frames++;
      }
    }
    return frames * 20;
  }

  /** A one-line description of the strongest tones, for assertion messages. */
  static String describe(Path wav) throws IOException {
    FrequencyAnalyzer a = new FrequencyAnalyzer();
    short[] samples = WavReader.read(wav).narrowband();
    a.accept(samples);
    return wav.getFileName() + ": " + samples.length / 8 + " ms, peaks " + a.peaks(4);
  }
}
