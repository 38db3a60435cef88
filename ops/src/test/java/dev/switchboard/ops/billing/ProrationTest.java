package dev.switchboard.ops.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.ops.billing.RevenueHistory.MrrSpan;
import dev.switchboard.ops.billing.RevenueHistory.Receipt;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.testing.TestDatabases;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seat changes, immediate cancellation and reactivation, every amount computed by hand. */
class ProrationTest {

  @TempDir Path dir;
  BillingFixture f;
  long tenant;

  static final String DOMAIN = "prorate.example";

  @BeforeEach
  void setUp() {
    f = new BillingFixture(TestDatabases.h2(dir));
    tenant = f.tenant(DOMAIN);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private static BigDecimal money(String s) {
    return new BigDecimal(s);
  }

  private static LocalDate d(String s) {
    return LocalDate.parse(s);
  }

  @Test
  void proratedByDayRoundedHalfUp() {
    // 2 seats × 1000 × 181/365 = 991.7808… → 991.78
    assertThat(new Proration(d("2022-03-01"), d("2023-03-01"), d("2022-09-01")).of(money("2000")))
        .isEqualByComparingTo("991.78");
    // A leap term has 366 days: 4000 × 91/366 = 994.5355… → 994.54
    assertThat(new Proration(d("2023-03-01"), d("2024-03-01"), d("2023-12-01")).of(money("4000")))
        .isEqualByComparingTo("994.54");
    // The first day of the term prorates the whole year.
    assertThat(new Proration(d("2023-03-01"), d("2024-03-01"), d("2023-03-01")).of(money("4000")))
        .isEqualByComparingTo("4000.00");
  }

  @Test
  void expandContractRenewCancelImmediatelyAndComeBack() {
    f.subscriptions(d("2022-03-01")).subscribe(tenant, "starter", 5, d("2022-03-01"), true);
    Invoices inv = f.invoices(d("2022-03-10"));
    inv.pay("INV-2022-000001", d("2022-03-10"), money("8000.00"), null, null);

    Subscriptions.Change up =
        f.subscriptions(d("2022-09-01")).changeSeats(DOMAIN, 7, d("2022-09-01"));
    assertThat(up.invoice().number()).isEqualTo("INV-2022-000002");
    assertThat(up.invoice().total()).isEqualByComparingTo("991.78");
    assertThat(up.invoice().lines().get(0).seats()).isEqualTo(2);
    assertThat(up.subscription().mrr()).isEqualByComparingTo("583.33");
    inv.pay("INV-2022-000002", d("2022-09-05"), money("991.78"), null, null);

    // 3 seats × 1000 × 90/365 = 739.7260… → 739.73, credited on the paid proration invoice and
    // so refunded the same day.
    Subscriptions.Change down =
        f.subscriptions(d("2022-12-01")).changeSeats(DOMAIN, 4, d("2022-12-01"));
    assertThat(down.credits())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.number()).isEqualTo("CN-2022-000001");
              assertThat(c.amount()).isEqualByComparingTo("739.73");
              assertThat(c.invoiceNumber()).isEqualTo("INV-2022-000002");
            });
    assertThat(down.subscription().mrr()).isEqualByComparingTo("333.33");

    Invoice renewal = f.subscriptions(d("2023-03-01")).renew(DOMAIN).invoice();
    assertThat(renewal.total()).isEqualByComparingTo("4000.00");
    inv.pay(renewal.number(), d("2023-03-02"), money("4000.00"), null, null);

    Subscriptions.Change gone =
        f.subscriptions(d("2023-12-01")).cancel(DOMAIN, true, d("2023-12-01"));
    assertThat(gone.credits())
        .singleElement()
        .satisfies(c -> assertThat(c.amount()).isEqualByComparingTo("994.54"));
    Invoice after = inv.get(renewal.number(), d("2023-12-01"));
    assertThat(after.status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(after.refunded()).isEqualByComparingTo("994.54");

    RevenueHistory h = RevenueHistory.load(f.db.jdbi(), d("2024-05-01"));
    assertThat(h.mrrSpans())
        .containsExactly(
            new MrrSpan(tenant, d("2022-03-01"), d("2022-09-01"), money("416.67"), "CNY"),
            new MrrSpan(tenant, d("2022-09-01"), d("2022-12-01"), money("583.33"), "CNY"),
            new MrrSpan(tenant, d("2022-12-01"), d("2023-12-01"), money("333.33"), "CNY"));
    assertThat(h.receipts().stream().map(Receipt::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo("11257.51");
    Balance b = Balance.of(f.db.jdbi(), tenant, d("2024-05-01"));
    assertThat(b.invoiced()).isEqualByComparingTo("12991.78");
    assertThat(b.credited()).isEqualByComparingTo("1734.27");
    assertThat(b.outstanding()).isEqualByComparingTo("0.00");
    assertThat(b.balances()).isTrue();

    Subscriptions.Change back =
        f.subscriptions(d("2024-06-01")).reactivate(DOMAIN, d("2024-06-01"));
    assertThat(back.invoice().total()).isEqualByComparingTo("4000.00");
    assertThat(back.subscription().phase()).isEqualTo(Phase.ANNUAL);
    assertThat(back.subscription().termEnd()).isEqualTo(d("2025-06-01"));
    assertThat(RevenueHistory.load(f.db.jdbi(), d("2024-07-01")).mrrSpans())
        .last()
        .isEqualTo(new MrrSpan(tenant, d("2024-06-01"), null, money("333.33"), "CNY"));
  }

  @Test
  void cancelAtTermEndThenWithdrawIt() {
    f.subscriptions(d("2022-03-01")).subscribe(tenant, "business", 12, d("2022-03-01"), true);
    f.subscriptions(d("2022-10-01")).cancel(DOMAIN, false, null);
    assertThat(RevenueHistory.load(f.db.jdbi(), d("2022-11-01")).mrrSpans())
        .containsExactly(
            new MrrSpan(tenant, d("2022-03-01"), d("2023-03-01"), money("900.00"), "CNY"));
    f.subscriptions(d("2022-12-01")).reactivate(DOMAIN, null);
    // Known on 2022-11-01 the cancellation stands; from 2022-12-01 on it was withdrawn.
    assertThat(RevenueHistory.load(f.db.jdbi(), d("2022-11-01")).mrrSpans().get(0).toExclusive())
        .isEqualTo(d("2023-03-01"));
    assertThat(RevenueHistory.load(f.db.jdbi(), d("2022-12-01")).mrrSpans())
        .containsExactly(new MrrSpan(tenant, d("2022-03-01"), null, money("900.00"), "CNY"));
  }

  @Test
  void overPaymentAndOverCreditAreRefused() {
    Invoice first =
        f.subscriptions(d("2022-03-01"))
            .subscribe(tenant, "starter", 2, d("2022-03-01"), true)
            .invoice();
    assertThat(first.total()).isEqualByComparingTo("5000.00");
    Invoices inv = f.invoices(d("2022-03-01"));
    inv.pay(first.number(), d("2022-03-02"), money("3000.00"), null, null);
    assertThat(inv.get(first.number(), d("2022-03-02")).status())
        .isEqualTo(InvoiceStatus.PARTIALLY_PAID);
    assertThatThrownBy(() -> inv.pay(first.number(), d("2022-03-03"), money("2000.01"), null, null))
        .isInstanceOf(InvalidValueException.class)
        .hasFieldOrPropertyWithValue("field", "amount");
    assertThatThrownBy(
            () -> inv.creditNote(first.number(), d("2022-03-03"), money("5000.01"), "too much"))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> inv.pay(first.number(), d("2022-03-03"), money("1.001"), null, null))
        .isInstanceOf(InvalidValueException.class);
    // Crediting everything voids the invoice and pays the 3000 received back.
    inv.creditNote(first.number(), d("2022-03-04"), money("5000.00"), "sold in error");
    Invoice voided = inv.get(first.number(), d("2022-03-04"));
    assertThat(voided.status()).isEqualTo(InvoiceStatus.VOID);
    assertThat(voided.refunded()).isEqualByComparingTo("3000.00");
    assertThat(Balance.of(f.db.jdbi(), tenant, d("2022-03-04")).balances()).isTrue();
  }
}
