package dev.switchboard.demo.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.demo.DemoHistory;
import dev.switchboard.demo.DemoHistory.Customer;
import dev.switchboard.ops.billing.Balance;
import dev.switchboard.ops.billing.Invoice;
import dev.switchboard.ops.billing.InvoiceStatus;
import dev.switchboard.ops.billing.Invoices;
import dev.switchboard.ops.billing.RevenueHistory;
import dev.switchboard.store.testing.OpenDatabase;
import dev.switchboard.store.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's billing agrees with the story and its books balance for every customer; run on H2
 * ({@link BillingDemoSeedTest}) and PostgreSQL ({@link BillingDemoSeedPostgresTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BillingDemoSeedContract {

  static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

  @TempDir static Path dir;

  abstract TestDatabase newDatabase(Path dir);

  OpenDatabase f;
  DemoHistory story;

  @BeforeAll
  void seed() {
    f = OpenDatabase.of(newDatabase(dir));
    story = DemoHistory.generate(DemoHistory.DEMO_SEED, TODAY);
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    new BillingDemoSeed().seed(f.db, story);
    // Wall time depends on how busy the machine is; the CPU time of this thread (H2 runs in it)
    // says what the seed itself costs.
    System.out.printf(
        "billing demo seed on " + f.test.kind() + ": %d customers in %d ms wall, %d ms CPU%n",
        story.customers().size(),
        (System.nanoTime() - t0) / 1_000_000,
        (threads.getCurrentThreadCpuTime() - cpu0) / 1_000_000);
  }

  @AfterAll
  void close() {
    if (f != null) {
      f.close();
    }
  }

  private long count(String sql) {
    return f.db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  @Test
  void oneTenantProfileAndSubscriptionPerCustomer() {
    int n = story.customers().size();
    assertThat(count("SELECT COUNT(*) FROM tenant")).isEqualTo(n);
    assertThat(count("SELECT COUNT(*) FROM customer_profile")).isEqualTo(n);
    assertThat(count("SELECT COUNT(*) FROM billing_subscription")).isEqualTo(n);
    long suspended = count("SELECT COUNT(*) FROM tenant WHERE status = 'suspended'");
    long gone = story.customers().stream().filter(c -> !BillingDemoSeed.activeOn(c, TODAY)).count();
    assertThat(suspended).isEqualTo(gone).isPositive();
  }

  @Test
  void secondRunChangesNothing() {
    long before = count("SELECT COUNT(*) FROM billing_invoice");
    new BillingDemoSeed().seed(f.db, story);
    assertThat(count("SELECT COUNT(*) FROM billing_invoice")).isEqualTo(before);
  }

  @Test
  void everyCustomersBooksBalance() {
    List<Long> ids =
        f.db
            .jdbi()
            .withHandle(h -> h.createQuery("SELECT id FROM tenant").mapTo(Long.class).list());
    BigDecimal overdue = BigDecimal.ZERO;
    for (long id : ids) {
      Balance b = Balance.of(f.db.jdbi(), id, TODAY);
      assertThat(b.balances()).as("books of tenant %d: %s", id, b).isTrue();
      overdue = overdue.add(b.overdue());
    }
    assertThat(overdue).as("never-paid invoices are overdue").isPositive();
  }

  @Test
  void renewalsAndChurnMatchTheStory() {
    RevenueHistory h = RevenueHistory.load(f.db.jdbi(), TODAY);
    long churnOutcomes = h.termOutcomes().stream().filter(o -> !o.renewed()).count();
    long storyChurns =
        story.customers().stream().mapToLong(c -> BillingDemoSeed.churnDates(c).size()).sum();
    assertThat(churnOutcomes).isEqualTo(storyChurns);
    // No customer that is still active lacks a running span; churned ones have none.
    for (Customer c : story.customers()) {
      long tenant =
          h.customers().stream()
              .filter(x -> x.domain().equals(c.domain()))
              .findFirst()
              .orElseThrow()
              .tenantId();
      boolean running =
          h.mrrSpans().stream().anyMatch(s -> s.tenantId() == tenant && s.toExclusive() == null);
      assertThat(running).as(c.domain()).isEqualTo(BillingDemoSeed.activeOn(c, TODAY));
    }
  }

  @Test
  void statusFilterAndPagingAgreeWithEachInvoicesOwnStatus() {
    Invoices invoices =
        new Invoices(
            f.db.jdbi(),
            java.time.Clock.fixed(
                TODAY.atTime(4, 0).toInstant(java.time.ZoneOffset.UTC), java.time.ZoneOffset.UTC));
    Invoices.Filter all = new Invoices.Filter(null, null, null, null);
    Invoices.Page first = invoices.list(all, TODAY, 0, 500);
    List<Invoice> every = new java.util.ArrayList<>(first.items());
    for (int offset = 500; offset < first.total(); offset += 500) {
      every.addAll(invoices.list(all, TODAY, offset, 500).items());
    }
    assertThat(every).hasSize(first.total());
    assertThat(every.stream().map(Invoice::number).distinct()).hasSize(first.total());
    int seen = 0;
    for (InvoiceStatus status : InvoiceStatus.values()) {
      List<String> expected =
          every.stream().filter(i -> i.status() == status).map(Invoice::number).toList();
      Invoices.Page page =
          invoices.list(new Invoices.Filter(null, status, null, null), TODAY, 0, 5000);
      assertThat(page.total()).as("%s", status).isEqualTo(expected.size());
      assertThat(page.items()).extracting(Invoice::number).isEqualTo(expected);
      assertThat(page.items()).allMatch(i -> i.status() == status);
      seen += expected.size();
    }
    assertThat(seen).isEqualTo(first.total());
    assertThat(
            invoices
                .list(new Invoices.Filter(null, InvoiceStatus.OVERDUE, null, null), TODAY, 0, 500)
                .total())
        .isPositive();
  }
}
