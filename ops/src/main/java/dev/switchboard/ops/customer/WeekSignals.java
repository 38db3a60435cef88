package dev.switchboard.ops.customer;

import java.time.LocalDate;

/** One week of a tenant's usage as {@code tenant_usage_week} holds it. */
public record WeekSignals(
    LocalDate weekStart,
    int seats,
    int registeredSeats,
    int activeDays,
    int calls,
    int minutes,
    int consoleLogins,
    int featuresUsed) {

  /**
   * Features of V4's bit set: 1 voicemail, 2 forwarding, 4 ring group, 8 transfer, 16 conference,
   * 32 recording.
   */
  public static final int VOICEMAIL = 1;

  public static final int FORWARDING = 2;
}
