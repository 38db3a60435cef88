package dev.switchboard.ops.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.testing.TestDatabases;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random histories of one customer (seat changes, payments, credit notes, refunds, cancellation,
 * renewal, reactivation): no money is created or lost, nothing is ever over-paid, and the realised
 * revenue the metrics read equals payments minus refunds.
 */
class MoneyConservationProperties {

  static BillingFixture f;
  static final AtomicInteger SEQ = new AtomicInteger();
  static final LocalDate START = LocalDate.of(2023, 1, 10);

  @BeforeContainer
  static void open() throws IOException {
    f = new BillingFixture(TestDatabases.h2(Files.createTempDirectory("billing-prop")));
  }

  @AfterContainer
  static void close() {
    f.close();
  }

  /** One step: what to do, on which day after the previous step, and a share in [0, 1]. */
  record Step(int op, int days, double share) {}

  @Provide
  Arbitrary<List<Step>> histories() {
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(0, 120),
                Arbitraries.doubles().between(0, 1))
            .as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(25);
  }

  @Property(tries = 40)
  void noMoneyIsCreatedOrLost(@ForAll("histories") List<Step> steps, @ForAll boolean business) {
    String domain = "p" + SEQ.incrementAndGet() + ".example";
    long tenant = f.tenant(domain);
    LocalDate day = START;
    f.subscriptions(day).subscribe(tenant, business ? "business" : "starter", 3, day, true);
    for (Step s : steps) {
      day = day.plusDays(s.days());
      try {
        apply(domain, tenant, s, day);
      } catch (InvalidValueException refused) {
        // A refused operation (over-payment, seat change outside the term…) changes nothing.
      }
      Balance b = Balance.of(f.db.jdbi(), tenant, day);
      assertThat(b.balances()).as("%s after %s", b, s).isTrue();
    }
    LocalDate end = day;
    for (Invoice i : f.invoices(end).ofTenant(tenant, end)) {
      assertThat(i.outstanding().signum()).isGreaterThanOrEqualTo(0);
      assertThat(i.paid().subtract(i.refunded()))
          .isLessThanOrEqualTo(i.total().subtract(i.credited()));
      assertThat(
              i.lines().stream().map(InvoiceLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
          .isEqualByComparingTo(i.total());
    }
    Balance b = Balance.of(f.db.jdbi(), tenant, end);
    BigDecimal receipts =
        RevenueHistory.load(f.db.jdbi(), end).receipts().stream()
            .filter(r -> r.tenantId() == tenant)
            .map(RevenueHistory.Receipt::amount)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(receipts).isEqualByComparingTo(b.paid().subtract(b.refunded()));
  }

  private void apply(String domain, long tenant, Step s, LocalDate day) {
    Invoices inv = f.invoices(day);
    List<Invoice> invoices = inv.ofTenant(tenant, day);
    Invoice pick = invoices.get((int) (s.share() * (invoices.size() - 1)));
    switch (s.op()) {
      case 0 -> {
        BigDecimal amount =
            pick.outstanding()
                .multiply(BigDecimal.valueOf(s.share() * 1.1))
                .setScale(2, RoundingMode.HALF_UP);
        inv.pay(pick.number(), day, amount, null, null);
      }
      case 1 -> inv.pay(pick.number(), day, pick.outstanding(), null, null);
      case 2 -> f.subscriptions(day).changeSeats(domain, 1 + (int) (s.share() * 9), day);
      case 3 -> {
        BigDecimal amount =
            pick.total()
                .subtract(pick.credited())
                .multiply(BigDecimal.valueOf(s.share()))
                .setScale(2, RoundingMode.HALF_UP);
        inv.creditNote(pick.number(), day, amount, "goodwill");
      }
      case 4 -> {
        var payments = inv.activity(pick.number()).payments();
        if (!payments.isEmpty()) {
          var p = payments.get(payments.size() - 1);
          BigDecimal amount =
              p.amount()
                  .subtract(p.refunded())
                  .multiply(BigDecimal.valueOf(s.share()))
                  .setScale(2, RoundingMode.HALF_UP);
          inv.refund(p.id(), day, amount, "returned");
        }
      }
      case 5 -> f.subscriptions(day).cancel(domain, s.share() < 0.5, day);
      case 6 -> f.subscriptions(day).renew(domain);
      default -> f.subscriptions(day).reactivate(domain, day);
    }
  }
}
