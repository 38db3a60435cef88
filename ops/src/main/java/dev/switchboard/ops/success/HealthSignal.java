package dev.switchboard.ops.success;

import dev.switchboard.store.InvalidValueException;

/**
 * The measures a health score weighs; each is read as a fraction 0..1 of "fully healthy" before its
 * weight applies.
 */
public enum HealthSignal {
  /** Share of seats that registered in the week (the seed's login frequency). */
  REGISTRATION("registration", 20, 1.0),
  /** Days with a registration or a call, of {@code fullAt} days. */
  ACTIVE_DAYS("active_days", 15, 5),
  /** Calls per seat and week, full at {@code fullAt}. */
  CALLS("calls", 15, 20),
  /** Minutes per seat and week, full at {@code fullAt}. */
  MINUTES("minutes", 10, 45),
  /** Distinct features used in the week, full at {@code fullAt}. */
  FEATURES("features", 10, 3),
  /** Console logins per week, full at {@code fullAt}. */
  CONSOLE_LOGINS("console_logins", 5, 2),
  /**
   * Seats now against the window's first week: flat or growing is full, {@code fullAt} loss is 0.
   */
  SEATS_TREND("seats_trend", 5, 0.5),
  /** Share of invoices paid on time (absent without billing data). */
  PAYMENT("payment", 10, 1.0),
  /** Open complaints: none is full, {@code fullAt} or more is 0. */
  COMPLAINTS("complaints", 5, 2),
  /** Latest NPS (0–10) and CSAT (1–5) answers, averaged as fractions (absent without answers). */
  SATISFACTION("satisfaction", 5, 1.0);

  private final String code;
  private final int defaultWeight;
  private final double defaultFullAt;

  HealthSignal(String code, int defaultWeight, double defaultFullAt) {
    this.code = code;
    this.defaultWeight = defaultWeight;
    this.defaultFullAt = defaultFullAt;
  }

  public String code() {
    return code;
  }

  public int defaultWeight() {
    return defaultWeight;
  }

  public double defaultFullAt() {
    return defaultFullAt;
  }

  public static HealthSignal parse(String code) {
    for (HealthSignal s : values()) {
      if (s.code.equals(code)) {
        return s;
      }
    }
    throw new InvalidValueException("signal", "unknown health signal: " + code);
  }
}
