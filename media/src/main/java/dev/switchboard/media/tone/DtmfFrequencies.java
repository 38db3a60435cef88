package dev.switchboard.media.tone;

/** The row (low) and column (high) frequency of a DTMF key (ITU-T Q.23). */
public record DtmfFrequencies(double low, double high) {

  /** Row frequencies, top to bottom. */
  public static final double[] ROWS = {697, 770, 852, 941};

  /** Column frequencies, left to right. */
  public static final double[] COLUMNS = {1209, 1336, 1477, 1633};

  /** The keypad, by row then column. */
  public static final String[] KEYPAD = {"123A", "456B", "789C", "*0#D"};

  /** The frequencies of {@code key}. */
  public static DtmfFrequencies of(char key) {
    char k = Character.toUpperCase(key);
    for (int row = 0; row < 4; row++) {
      int column = KEYPAD[row].indexOf(k);
      if (column >= 0) {
        return new DtmfFrequencies(ROWS[row], COLUMNS[column]);
      }
    }
    throw new IllegalArgumentException("not a DTMF key: '" + key + "'");
  }
}
