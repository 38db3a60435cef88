package dev.switchboard.ops.churn;

import java.time.LocalDate;

/** One row of {@code tenant_usage_week}: a tenant's telephone and console use in a week. */
public record UsageWeek(
    LocalDate weekStart,
    int seats,
    int registeredSeats,
    int activeDays,
    int calls,
    int minutes,
    int consoleLogins,
    int featuresUsed) {

  /** Share of seats registered; 0 for a week without seats. */
  public double registeredShare() {
    return seats <= 0 ? 0 : Math.min(1.0, registeredSeats / (double) seats);
  }

  public double callsPerSeat() {
    return seats <= 0 ? 0 : calls / (double) seats;
  }

  public double minutesPerSeat() {
    return seats <= 0 ? 0 : minutes / (double) seats;
  }

  /** How many of the six tracked features were used (bits of {@code features_used}). */
  public int featureCount() {
    return Integer.bitCount(featuresUsed & 0x3f);
  }
}
