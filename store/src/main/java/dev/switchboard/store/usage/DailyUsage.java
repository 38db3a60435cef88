package dev.switchboard.store.usage;

import java.time.LocalDate;

/**
 * One tenant's calls on one local day.
 *
 * @param calls every call attempt set up that day
 * @param answered the attempts that were answered
 * @param seconds talk time of the answered calls
 */
public record DailyUsage(LocalDate date, long calls, long answered, long seconds) {

  /** Talk time in minutes, to one decimal. */
  public double minutes() {
    return Math.round(seconds / 6.0) / 10.0;
  }
}
