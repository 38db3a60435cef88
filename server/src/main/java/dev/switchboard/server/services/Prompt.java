package dev.switchboard.server.services;

import dev.switchboard.media.tone.ToneGenerator;

/** Audio the services say with tones: a sine, a pause, and one prompt made of several. */
public final class Prompt {
  private static final int AMPLITUDE = 8000;

  private Prompt() {}

  /** A sine of {@code hz} for {@code millis}, at 8 kHz. */
  public static short[] tone(double hz, int millis) {
    return ToneGenerator.sine(hz, AMPLITUDE, millis).render(millis);
  }

  /** {@code millis} of silence, at 8 kHz. */
  public static short[] silence(int millis) {
    return new short[millis * 8];
  }

  /** The parts one after the other. */
  public static short[] concat(short[]... parts) {
    int n = 0;
    for (short[] p : parts) {
      n += p.length;
    }
    short[] out = new short[n];
    int at = 0;
    for (short[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
