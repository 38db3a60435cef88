package dev.switchboard.ops.billing;

import dev.switchboard.store.InvalidValueException;
import java.util.Locale;

/** The phase of a subscription: the first year (opening fees) or the evergreen annual phase. */
public enum Phase {
  FIRST_YEAR,
  ANNUAL;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Phase parse(String text) {
    for (Phase p : values()) {
      if (p.wireName().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return p;
      }
    }
    throw new InvalidValueException("phase", "phase must be first_year or annual");
  }
}
