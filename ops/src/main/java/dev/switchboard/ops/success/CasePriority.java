package dev.switchboard.ops.success;

import dev.switchboard.store.InvalidValueException;
import java.util.Locale;

/** How urgent a case is, most urgent first; each has its SLA in {@code success_sla}. */
public enum CasePriority {
  URGENT,
  HIGH,
  NORMAL,
  LOW;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The more urgent of the two. */
  public CasePriority atLeast(CasePriority floor) {
    return floor.ordinal() < ordinal() ? floor : this;
  }

  public static CasePriority parse(String text) {
    for (CasePriority p : values()) {
      if (p.wireName().equals(text)) {
        return p;
      }
    }
    throw new InvalidValueException("priority", "priority must be urgent, high, normal or low");
  }
}
