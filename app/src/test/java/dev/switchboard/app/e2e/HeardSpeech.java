package dev.switchboard.app.e2e;

import dev.switchboard.media.tone.FrequencyAnalyzer;
import dev.switchboard.media.tone.Goertzel;
import java.util.Arrays;
import java.util.List;

/**
 * Whether a stretch of 8 kHz audio is speech rather than a tone: sound for about as long as the
 * prompt lasts, its energy spread over the telephone band (300-3400 Hz) with no one peak holding
 * most of it.
 */
record HeardSpeech(long soundMillis, double bandShare, double strongestPeakShare, int busyBands) {
  private static final int FRAME = 160; // 20 ms

  /** What {@code audio} looks like, from its first frame with sound to its last. */
  static HeardSpeech of(short[] audio) {
    int first = -1;
    int last = -1;
    for (int at = 0; at + FRAME <= audio.length; at += FRAME) {
      if (loud(audio, at)) {
        first = first < 0 ? at : first;
        last = at + FRAME;
      }
    }
    if (first < 0) {
      return new HeardSpeech(0, 0, 0, 0);
    }
    short[] sound = Arrays.copyOfRange(audio, first, last);
    FrequencyAnalyzer a = new FrequencyAnalyzer();
    a.accept(sound);
    List<FrequencyAnalyzer.Peak> peaks = a.peaks(1);
    int busy = 0;
    // 100 Hz bands across the telephone band: a tone fills one or two, speech many.
    for (int hz = 350; hz <= 3350; hz += 100) {
      if (a.shareNear(hz, 40) > 0.01) {
        busy++;
      }
    }
    return new HeardSpeech(
        sound.length / 8,
        a.shareNear(1850, 1550),
        peaks.isEmpty() ? 0 : peaks.get(0).share(),
        busy);
  }

  /** Speech of about {@code expectedMillis} (±300 ms). */
  boolean isSpeechOf(long expectedMillis) {
    return Math.abs(soundMillis - expectedMillis) <= 300
        && bandShare > 0.5
        && strongestPeakShare < 0.3
        && busyBands >= 10;
  }

  /**
   * Where {@code hz} starts to fill 200 ms in a row (a beep; a sung vowel may fill one frame), in
   * samples; -1 if never.
   */
  static int firstFrameOf(short[] audio, double hz) {
    Goertzel g = new Goertzel(hz, 8000);
    int run = 0;
    for (int at = 0; at + FRAME <= audio.length; at += FRAME) {
      double energy = 0;
      for (int i = at; i < at + FRAME; i++) {
        energy += (double) audio[i] * audio[i];
      }
      boolean tone = loud(audio, at) && 2 * g.power(audio, at, FRAME) / FRAME / energy > 0.8;
      run = tone ? run + 1 : 0;
      if (run == 10) {
        return at - 9 * FRAME;
      }
    }
    return -1;
  }

  private static boolean loud(short[] audio, int at) {
    double energy = 0;
    for (int i = at; i < at + FRAME; i++) {
      energy += (double) audio[i] * audio[i];
    }
    return energy / FRAME > 200 * 200;
  }
}
