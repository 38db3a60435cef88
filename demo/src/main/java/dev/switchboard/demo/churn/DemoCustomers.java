package dev.switchboard.demo.churn;

import dev.switchboard.demo.DemoHistory;
import dev.switchboard.ops.churn.CustomerHistory;
import dev.switchboard.ops.churn.UsageWeek;
import dev.switchboard.ops.customer.WeekSignals;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo story's customers as the churn model sees them, straight from memory: the same shape the
 * database gives (usage weeks, churn dates, profile), without the hidden engagement.
 */
public final class DemoCustomers {

  private DemoCustomers() {}

  public static List<CustomerHistory> of(DemoHistory history) {
    List<CustomerHistory> out = new ArrayList<>(history.customers().size());
    for (DemoHistory.Customer c : history.customers()) {
      out.add(of(c, c.index() + 1L));
    }
    return out;
  }

  static CustomerHistory of(DemoHistory.Customer c, long tenantId) {
    List<UsageWeek> weeks = new ArrayList<>(c.usage().size());
    for (WeekSignals u : c.usage()) {
      weeks.add(
          new UsageWeek(
              u.weekStart(),
              u.seats(),
              u.registeredSeats(),
              u.activeDays(),
              u.calls(),
              u.minutes(),
              u.consoleLogins(),
              u.featuresUsed()));
    }
    return new CustomerHistory(
        tenantId,
        c.domain(),
        c.company(),
        c.channel(),
        c.industry(),
        c.size(),
        c.startedOn(),
        c.churnedOn(),
        weeks);
  }
}
