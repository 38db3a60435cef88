package dev.switchboard.store.pbx;

import java.util.Locale;

/**
 * The services a caller reaches by dialling a feature code, with the code a tenant gets unless it
 * chooses its own. The forwarding "on" codes and directed pickup take the number dialled after them
 * ({@code *72 1003}, {@code **1002}).
 */
public enum Feature {
  VOICEMAIL("*97"),
  DND_ON("*78"),
  DND_OFF("*79"),
  FORWARD_ALWAYS_ON("*72"),
  FORWARD_ALWAYS_OFF("*73"),
  FORWARD_BUSY_ON("*90"),
  FORWARD_BUSY_OFF("*91"),
  FORWARD_NO_ANSWER_ON("*52"),
  FORWARD_NO_ANSWER_OFF("*53"),
  PICKUP("*8"),
  DIRECTED_PICKUP("**");

  private final String defaultCode;

  Feature(String defaultCode) {
    this.defaultCode = defaultCode;
  }

  public String defaultCode() {
    return defaultCode;
  }

  /** Whether the code is followed by a number (a forwarding target, an extension to pick up). */
  public boolean takesNumber() {
    return this == FORWARD_ALWAYS_ON
        || this == FORWARD_BUSY_ON
        || this == FORWARD_NO_ANSWER_ON
        || this == DIRECTED_PICKUP;
  }

  /** The name used in the API and the table, e.g. {@code dnd_on}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Feature ofKey(String key) {
    for (Feature f : values()) {
      if (f.key().equalsIgnoreCase(key)) {
        return f;
      }
    }
    throw new dev.switchboard.store.InvalidValueException(
        "featureCodes", "no feature named " + key);
  }
}
