package dev.switchboard.ops.success;

import dev.switchboard.store.InvalidValueException;
import java.util.Locale;
import java.util.Set;

/** Where a case stands; {@link #next()} lists the statuses it may move to. */
public enum CaseStatus {
  OPEN,
  IN_PROGRESS,
  WAITING,
  RESOLVED,
  CLOSED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public Set<CaseStatus> next() {
    return switch (this) {
      case OPEN -> Set.of(IN_PROGRESS, WAITING, RESOLVED, CLOSED);
      case IN_PROGRESS -> Set.of(WAITING, RESOLVED, CLOSED);
      case WAITING -> Set.of(IN_PROGRESS, RESOLVED, CLOSED);
      case RESOLVED -> Set.of(OPEN, CLOSED);
      case CLOSED -> Set.of(OPEN);
    };
  }

  /** Resolved or closed: the resolution clock has stopped. */
  public boolean isDone() {
    return this == RESOLVED || this == CLOSED;
  }

  public static CaseStatus parse(String text) {
    for (CaseStatus s : values()) {
      if (s.wireName().equals(text)) {
        return s;
      }
    }
    throw new InvalidValueException(
        "status", "status must be open, in_progress, waiting, resolved or closed");
  }
}
