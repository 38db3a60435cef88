package dev.switchboard.ops.churn;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the decision points come from until billing's subscriptions are merged: annual terms from
 * the day the customer was acquired, ending at the recorded churn date. A churn date that is not an
 * anniversary (imported history) is itself the decision point.
 */
public final class TermCalendar {

  private TermCalendar() {}

  /** Every term end of {@code c} on or before {@code asOf}, labelled renewed or churned. */
  public static List<DecisionPoint> decisionPoints(CustomerHistory c, LocalDate asOf) {
    List<DecisionPoint> out = new ArrayList<>();
    if (c.acquiredOn() == null) {
      return out;
    }
    for (int year = 1; ; year++) {
      LocalDate end = c.acquiredOn().plusYears(year);
      if (end.isAfter(asOf)) {
        break;
      }
      if (c.churnedOn() != null && !end.isBefore(c.churnedOn())) {
        break;
      }
      out.add(new DecisionPoint(c, end, false));
    }
    if (c.churnedOn() != null && !c.churnedOn().isAfter(asOf)) {
      out.add(new DecisionPoint(c, c.churnedOn(), true));
    }
    return out;
  }

  /** All decision points of many customers, in date order. */
  public static List<DecisionPoint> decisionPoints(List<CustomerHistory> cs, LocalDate asOf) {
    List<DecisionPoint> out = new ArrayList<>();
    for (CustomerHistory c : cs) {
      out.addAll(decisionPoints(c, asOf));
    }
    out.sort(java.util.Comparator.comparing(DecisionPoint::on));
    return out;
  }

  /** The next term end after {@code day}, for an active customer. */
  public static LocalDate nextTermEnd(CustomerHistory c, LocalDate day) {
    LocalDate start = c.acquiredOn() == null ? day : c.acquiredOn();
    LocalDate end = start.plusYears(1);
    while (!end.isAfter(day)) {
      end = end.plusYears(1);
    }
    return end;
  }
}
