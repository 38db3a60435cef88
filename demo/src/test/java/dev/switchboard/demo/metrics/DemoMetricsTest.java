package dev.switchboard.demo.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.demo.DemoHistory;
import dev.switchboard.demo.billing.BillingDemoSeed;
import dev.switchboard.ops.metrics.BillingRevenue;
import dev.switchboard.ops.metrics.CohortRow;
import dev.switchboard.ops.metrics.MrrMonth;
import dev.switchboard.ops.metrics.Retention;
import dev.switchboard.ops.metrics.SaasMetrics;
import dev.switchboard.store.Database;
import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's two years, seeded by billing into H2 and read back: the movements reconcile with the
 * MRR change in every month, and the paying customers are the story's active ones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoMetricsTest {

  static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

  @TempDir static Path dir;
  TestDatabase testDb;
  Database db;
  DemoHistory story;
  SaasMetrics metrics;

  @BeforeAll
  void seed() {
    testDb = TestDatabases.h2(dir);
    db = Database.open(testDb.settings());
    story = DemoHistory.generate(DemoHistory.DEMO_SEED, TODAY);
    new BillingDemoSeed().seed(db, story);
    metrics =
        SaasMetrics.asOf(
            new BillingRevenue(db.jdbi(), BillingRevenue.DEFAULT_CURRENCY).load(TODAY), TODAY);
  }

  @AfterAll
  void close() {
    db.close();
    testDb.close();
  }

  private List<MrrMonth> everyMonth() {
    return metrics.mrr(metrics.firstMonth(), metrics.asOfMonth());
  }

  @Test
  void movementsReconcileInEveryMonthOfTheDemo() {
    List<MrrMonth> months = everyMonth();
    assertThat(months).hasSizeGreaterThanOrEqualTo(24);
    BigDecimal previous = BigDecimal.ZERO;
    int churned = 0;
    int reactivated = 0;
    for (MrrMonth m : months) {
      BigDecimal sum =
          m.newMrr()
              .add(m.expansionMrr())
              .add(m.contractionMrr())
              .add(m.churnMrr())
              .add(m.reactivationMrr());
      assertThat(sum).as(m.month().toString()).isEqualByComparingTo(m.netNewMrr());
      assertThat(m.mrr().subtract(previous)).as(m.month().toString()).isEqualByComparingTo(sum);
      assertThat(m.openingMrr()).isEqualByComparingTo(previous);
      previous = m.mrr();
      churned += m.churnedCustomers();
      reactivated += m.reactivatedCustomers();
    }
    // The story has churn, reactivation and seat changes: every kind of movement shows up.
    assertThat(churned).isPositive();
    assertThat(reactivated).isPositive();
    assertThat(months).anyMatch(m -> m.expansionMrr().signum() > 0);
    assertThat(months).anyMatch(m -> m.contractionMrr().signum() < 0);
  }

  @Test
  void payingCustomersAreTheStorysActiveOnes() {
    for (MrrMonth m : everyMonth()) {
      long active = story.customers().stream().filter(c -> active(c, m.date())).count();
      assertThat(m.customers()).as(m.month().toString()).isEqualTo((int) active);
    }
  }

  /**
   * Paying on {@code day} by the story: started, and not between a churn (at a term end) and a
   * return. A customer that left twice keeps only its last churn in the story; none does in this
   * demo (checked below), so the rule is exact here.
   */
  private static boolean active(DemoHistory.Customer c, LocalDate day) {
    if (day.isBefore(c.startedOn())) {
      return false;
    }
    if (c.churnedOn() == null || day.isBefore(c.churnedOn())) {
      return true;
    }
    return c.reactivatedOn() != null && !day.isBefore(c.reactivatedOn());
  }

  @Test
  void noCustomerOfTheDemoLeftTwice() {
    assertThat(story.customers())
        .noneMatch(
            c ->
                c.reactivatedOn() != null
                    && c.churnedOn() != null
                    && c.churnedOn().isAfter(c.reactivatedOn()));
  }

  @Test
  void everyCustomerHasAYieldAndTheCohortsCoverThem() {
    assertThat(metrics.yields()).hasSize(story.customers().size());
    int members =
        metrics.cohorts(metrics.firstMonth(), metrics.asOfMonth()).stream()
            .mapToInt(CohortRow::customers)
            .sum();
    assertThat(members).isEqualTo(story.customers().size());
    Retention r = metrics.retention(YearMonth.from(TODAY).minusMonths(11), YearMonth.from(TODAY));
    assertThat(r.termsEnded()).isPositive();
    assertThat(r.nrrPercent()).isNotNull();
  }
}
