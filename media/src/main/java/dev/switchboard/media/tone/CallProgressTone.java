package dev.switchboard.media.tone;

/**
 * The call-progress tones a PBX plays, by region: North America (ANSI T1.401 / "precise tones") and
 * China (GB/T 3380 / YD/T 1013: 450 Hz with different cadences).
 */
public enum CallProgressTone {
  /** North American dial tone: 350 + 440 Hz, continuous. */
  DIAL_NA(new double[] {350, 440}, new int[0]),
  /** North American ringback: 440 + 480 Hz, 2 s on, 4 s off. */
  RINGBACK_NA(new double[] {440, 480}, new int[] {2000, 4000}),
  /** North American busy: 480 + 620 Hz, 0.5 s on, 0.5 s off. */
  BUSY_NA(new double[] {480, 620}, new int[] {500, 500}),
  /** North American reorder (congestion): 480 + 620 Hz, 0.25 s on, 0.25 s off. */
  CONGESTION_NA(new double[] {480, 620}, new int[] {250, 250}),
  /** Chinese dial tone: 450 Hz continuous. */
  DIAL_CN(new double[] {450}, new int[0]),
  /** Chinese ringback: 450 Hz, 1 s on, 4 s off. */
  RINGBACK_CN(new double[] {450}, new int[] {1000, 4000}),
  /** Chinese busy: 450 Hz, 0.35 s on, 0.35 s off. */
  BUSY_CN(new double[] {450}, new int[] {350, 350}),
  /** Chinese congestion: 450 Hz, 0.7 s on, 0.7 s off. */
  CONGESTION_CN(new double[] {450}, new int[] {700, 700}),
  /** Call waiting beep (ITU-T E.180): 440 Hz, 0.3 s once every 10 s. */
  CALL_WAITING(new double[] {440}, new int[] {300, 9700});

  private final double[] frequencies;
  private final int[] cadence;

  CallProgressTone(double[] frequencies, int[] cadence) {
    this.frequencies = frequencies;
    this.cadence = cadence;
  }

  /** The tone's frequencies in Hz. */
  public double[] frequencies() {
    return frequencies.clone();
  }

  /** An endless generator of this tone at {@code amplitude} per frequency. */
  public ToneGenerator generator(int amplitude) {
    return new ToneGenerator(frequencies, amplitude, cadence, 0);
  }
}
