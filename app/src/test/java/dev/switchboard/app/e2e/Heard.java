package dev.switchboard.app.e2e;

import dev.switchboard.media.tone.FrequencyAnalyzer;
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

  /** A one-line description of the strongest tones, for assertion messages. */
  static String describe(Path wav) throws IOException {
    FrequencyAnalyzer a = new FrequencyAnalyzer();
    short[] samples = WavReader.read(wav).narrowband();
    a.accept(samples);
    return wav.getFileName() + ": " + samples.length / 8 + " ms, peaks " + a.peaks(4);
  }
}
