package dev.switchboard.ops.billing;

import java.util.Locale;

/** Active; cancelling (ends at the end of the paid term); or cancelled (the paid period ended). */
public enum SubscriptionStatus {
  ACTIVE,
  CANCELLING,
  CANCELLED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static SubscriptionStatus parse(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }
}
