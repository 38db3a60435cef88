package dev.switchboard.ops.churn;

import java.time.LocalDate;
import java.util.List;

/**
 * What the churn model knows of one customer: who it is, how it came, when it started and (if so)
 * churned, and its weekly usage in week order.
 *
 * @param churnedOn the term end at which the customer left, or null while it stays
 * @param weeks usage weeks sorted by {@code weekStart}
 */
public record CustomerHistory(
    long tenantId,
    String domain,
    String company,
    String channel,
    String industry,
    String sizeBand,
    LocalDate acquiredOn,
    LocalDate churnedOn,
    List<UsageWeek> weeks) {

  public CustomerHistory {
    weeks = List.copyOf(weeks);
  }

  /**
   * Active on {@code day}: never churned, churned later, or back since (usage after the churn date
   * means a reactivation).
   */
  public boolean activeOn(LocalDate day) {
    if (acquiredOn != null && acquiredOn.isAfter(day)) {
      return false;
    }
    if (churnedOn == null || churnedOn.isAfter(day)) {
      return true;
    }
    return !weeks.isEmpty() && weeks.get(weeks.size() - 1).weekStart().isAfter(churnedOn);
  }

  /** Seats in the last recorded week, or 0 without usage. */
  public int currentSeats() {
    return weeks.isEmpty() ? 0 : weeks.get(weeks.size() - 1).seats();
  }
}
