package dev.switchboard.store.pbx;

import dev.switchboard.store.InvalidValueException;
import java.util.Locale;

/** How a group rings its members. */
public enum RingStrategy {
  /** Every member at once (a ring group). */
  SIMULTANEOUS,
  /** One member after the other, always from the first (a hunt group). */
  IN_ORDER,
  /** One member after the other, each call starting after the member the previous call began. */
  ROUND_ROBIN;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RingStrategy parse(String s) {
    if (s != null) {
      for (RingStrategy r : values()) {
        if (r.key().equalsIgnoreCase(s.trim())) {
          return r;
        }
      }
    }
    throw new InvalidValueException(
        "strategy", "strategy must be simultaneous, in_order or round_robin");
  }
}
