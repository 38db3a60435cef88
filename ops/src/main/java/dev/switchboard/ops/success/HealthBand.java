package dev.switchboard.ops.success;

import java.util.Locale;

/** Gainsight's colours for a score: red at or below the red line, green above the yellow line. */
public enum HealthBand {
  RED,
  YELLOW,
  GREEN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static HealthBand parse(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }
}
