package dev.switchboard.demo.churn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.demo.DemoHistory;
import dev.switchboard.ops.billing.Subscriptions;
import dev.switchboard.ops.churn.ChurnHistoryQuery;
import dev.switchboard.ops.churn.CustomerHistory;
import dev.switchboard.ops.churn.RevenueBasis;
import dev.switchboard.store.Database;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Revenue at stake: billing's MRR for a subscribed tenant, the list price for the others. */
class ChurnRevenueBasisTest {

  static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T02:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void subscribedTenantsUseTheirMrrAndTheOthersSeatsTimesListPrice() {
    try (Database db = Database.open(TestDatabases.h2(dir).settings())) {
      DemoHistory history = DemoHistory.generate(DemoHistory.DEMO_SEED, TODAY);
      DemoCustomerWriter.write(db, history);
      List<CustomerHistory> customers =
          new ChurnHistoryQuery(db.jdbi())
              .load(ChurnHistoryQuery.ALL).stream()
                  .filter(c -> c.activeOn(TODAY) && c.currentSeats() > 0)
                  .toList();
      CustomerHistory subscribed = customers.get(0);
      CustomerHistory other = customers.get(1);
      // Starter: service fee 1,000.00 a seat and year, all of it recurring: 10 seats → 10,000.00
      // a year → 833.33 a month.
      new Subscriptions(db.jdbi(), CLOCK)
          .subscribe(subscribed.domain(), "starter", 10, LocalDate.of(2026, 3, 1), true);

      RevenueBasis.BillingMrr basis = RevenueBasis.BillingMrr.load(db.jdbi(), TODAY);

      assertThat(basis.monthly(subscribed)).isEqualByComparingTo("833.33");
      assertThat(basis.monthly(other))
          .isEqualByComparingTo(
              new java.math.BigDecimal("50.00")
                  .multiply(java.math.BigDecimal.valueOf(other.currentSeats())));
      assertThat(basis.description())
          .contains("billing MRR on 2026-11-25 for the 1 tenant(s) with a subscription")
          .contains("50.00 CNY per seat-month (list price)");
      // Known only from its start: a day before the subscription was recorded, nothing is billed.
      assertThat(RevenueBasis.BillingMrr.load(db.jdbi(), LocalDate.of(2026, 2, 1)).mrrByTenant())
          .isEmpty();
    }
  }
}
