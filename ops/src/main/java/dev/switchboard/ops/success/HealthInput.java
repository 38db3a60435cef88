package dev.switchboard.ops.success;

import dev.switchboard.ops.customer.WeekSignals;
import java.util.List;

/**
 * Everything a tenant's health score reads for one week: its usage weeks up to that week (oldest
 * first) and the business signals as of then.
 *
 * @param onTimeShare share 0..1 of invoices paid on time, null without billing data
 * @param openComplaints complaint cases open at the week's end
 * @param nps latest NPS answer 0..10, null if none
 * @param csat latest CSAT answer 1..5, null if none
 */
public record HealthInput(
    List<WeekSignals> weeks, Double onTimeShare, int openComplaints, Integer nps, Integer csat) {

  public HealthInput {
    weeks = List.copyOf(weeks);
  }

  /** Usage alone, no business signals. */
  public static HealthInput usage(List<WeekSignals> weeks) {
    return new HealthInput(weeks, null, 0, null, null);
  }

  /** The same business signals over the weeks before the last one: last week's view. */
  public HealthInput weekBefore() {
    return new HealthInput(
        weeks.subList(0, Math.max(0, weeks.size() - 1)), onTimeShare, openComplaints, nps, csat);
  }
}
