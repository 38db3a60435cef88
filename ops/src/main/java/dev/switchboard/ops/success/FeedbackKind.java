package dev.switchboard.ops.success;

import dev.switchboard.store.InvalidValueException;
import java.util.Locale;

/** What a piece of feedback asks of product. */
public enum FeedbackKind {
  BUG,
  REQUIREMENT,
  SUGGESTION;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static FeedbackKind parse(String text) {
    for (FeedbackKind k : values()) {
      if (k.wireName().equals(text)) {
        return k;
      }
    }
    throw new InvalidValueException("kind", "kind must be bug, requirement or suggestion");
  }
}
