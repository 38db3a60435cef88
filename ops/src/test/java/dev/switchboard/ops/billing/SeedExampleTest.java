package dev.switchboard.ops.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ops.billing.RevenueHistory.MrrSpan;
import dev.switchboard.ops.billing.RevenueHistory.Receipt;
import dev.switchboard.ops.billing.RevenueHistory.TermOutcome;
import dev.switchboard.store.testing.TestDatabases;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's customer: 5 seats on starter pay 8000 in year one, then 5000 a year twice, and leave
 * at the start of year four. Every figure here is computed by hand.
 */
class SeedExampleTest {

  @TempDir Path dir;
  BillingFixture f;
  long tenant;

  static final LocalDate START = LocalDate.of(2022, 3, 1);

  @BeforeEach
  void setUp() {
    f = new BillingFixture(TestDatabases.h2(dir));
    tenant = f.tenant("acme.example");
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private static BigDecimal money(String s) {
    return new BigDecimal(s);
  }

  @Test
  void quoteIsEightThousand() {
    assertThat(
            new Catalogue(f.db.jdbi(), BillingFixture.on(START))
                .firstYearPrice("starter", 5, START))
        .isEqualByComparingTo("8000.00");
    assertThat(
            new Catalogue(f.db.jdbi(), BillingFixture.on(START))
                .firstYearPrice("business", 12, START))
        .isEqualByComparingTo("16800.00");
  }

  @Test
  void eightThousandThenFiveThousandTwiceThenChurn() {
    Subscriptions.Change sold = f.subscriptions(START).subscribe(tenant, "starter", 5, START, true);
    Invoice first = sold.invoice();
    assertThat(first.number()).isEqualTo("INV-2022-000001");
    assertThat(first.total()).isEqualByComparingTo("8000.00");
    assertThat(first.dueOn()).isEqualTo(LocalDate.of(2022, 3, 31));
    assertThat(first.lines())
        .extracting(InvoiceLine::amount, InvoiceLine::recurring)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(money("3000.00"), false),
            org.assertj.core.groups.Tuple.tuple(money("5000.00"), true));
    assertThat(sold.subscription().mrr()).isEqualByComparingTo("416.67");
    f.invoices(START).pay(first.number(), LocalDate.of(2022, 3, 10), money("8000.00"), null, null);

    LocalDate y2 = START.plusYears(1);
    Invoice second = f.subscriptions(y2).renew("acme.example").invoice();
    assertThat(second.total()).isEqualByComparingTo("5000.00");
    assertThat(second.number()).isEqualTo("INV-2023-000001");
    f.invoices(y2).pay(second.number(), y2.plusDays(5), money("5000.00"), null, null);

    LocalDate y3 = START.plusYears(2);
    Invoice third = f.subscriptions(y3).renew("acme.example").invoice();
    f.invoices(y3).pay(third.number(), y3.plusDays(40), money("5000.00"), null, null);
    f.subscriptions(y3.plusMonths(10)).cancel("acme.example", false, null);

    LocalDate later = LocalDate.of(2026, 1, 1);
    RevenueHistory h = RevenueHistory.load(f.db.jdbi(), later);
    assertThat(h.mrrSpans())
        .containsExactly(
            new MrrSpan(tenant, START, LocalDate.of(2025, 3, 1), money("416.67"), "CNY"));
    assertThat(h.receipts().stream().map(Receipt::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo("18000.00");
    assertThat(h.termOutcomes())
        .containsExactly(
            new TermOutcome(tenant, LocalDate.of(2023, 3, 1), true),
            new TermOutcome(tenant, LocalDate.of(2024, 3, 1), true),
            new TermOutcome(tenant, LocalDate.of(2025, 3, 1), false));
    assertThat(f.subscriptions(later).get("acme.example").status())
        .isEqualTo(SubscriptionStatus.CANCELLED);

    // As of the day before the third payment: only 13000 received, second renewal known.
    RevenueHistory before = RevenueHistory.load(f.db.jdbi(), y3.plusDays(39));
    assertThat(before.receipts())
        .extracting(Receipt::amount)
        .containsExactly(money("8000.00"), money("5000.00"));
    assertThat(before.mrrSpans())
        .containsExactly(new MrrSpan(tenant, START, null, money("416.67"), "CNY"));
    assertThat(before.termOutcomes()).hasSize(2);
    // The third invoice is overdue on day 31 after issue and paid on day 40.
    assertThat(f.invoices(y3).get(third.number(), y3.plusDays(31)).status())
        .isEqualTo(InvoiceStatus.OVERDUE);
    assertThat(f.invoices(y3).get(third.number(), y3.plusDays(40)).status())
        .isEqualTo(InvoiceStatus.PAID);
    List<Invoice> all = f.invoices(later).ofTenant(tenant, later);
    assertThat(all)
        .extracting(Invoice::total)
        .containsExactly(money("8000.00"), money("5000.00"), money("5000.00"));
  }
}
