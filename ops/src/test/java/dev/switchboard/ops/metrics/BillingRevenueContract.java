package dev.switchboard.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ops.billing.Invoice;
import dev.switchboard.ops.billing.Invoices;
import dev.switchboard.ops.billing.Subscriptions;
import dev.switchboard.store.Database;
import dev.switchboard.store.tenant.Tenant;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.tenant.TenantStatus;
import dev.switchboard.store.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics read from billing's real tables: two customers sold, invoiced, paid, renewed,
 * expanded and cancelled through the billing API, then measured.
 */
abstract class BillingRevenueContract {

  static final LocalDate ACME_START = LocalDate.of(2022, 3, 1);
  static final LocalDate BETA_START = LocalDate.of(2024, 1, 10);

  @TempDir Path dir;
  TestDatabase testDb;
  Database db;
  BigDecimal betaUpgrade;

  abstract TestDatabase newDatabase(Path dir);

  static Clock on(LocalDate day) {
    return Clock.fixed(day.atTime(4, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
  }

  @BeforeEach
  void seed() {
    testDb = newDatabase(dir);
    db = Database.open(testDb.settings());
    long acme = tenant("acme.example", "海川贸易", "retail");
    long beta = tenant("beta.example", "Beta Clinic", "clinic");
    profile(acme, "海川贸易", "search", "105.00", ACME_START.minusDays(9), "standard");
    profile(beta, "Beta Clinic", "trade_show", "400.00", BETA_START, "vip");

    // The seed's customer: 8000, 5000, 5000, gone at the start of year four.
    Invoice first = subs(ACME_START).subscribe(acme, "starter", 5, ACME_START, true).invoice();
    pay(first, ACME_START.plusDays(9));
    for (int year = 1; year <= 2; year++) {
      LocalDate renewal = ACME_START.plusYears(year);
      pay(subs(renewal).renew("acme.example").invoice(), renewal.plusDays(5));
    }
    subs(LocalDate.of(2025, 1, 1)).cancel("acme.example", false, null);

    // Two seats in January 2024, four from June: MRR 166.67 → 333.33.
    pay(subs(BETA_START).subscribe(beta, "starter", 2, BETA_START, true).invoice(), BETA_START);
    LocalDate june = LocalDate.of(2024, 6, 1);
    Invoice upgrade = subs(june).changeSeats("beta.example", 4, june).invoice();
    betaUpgrade = upgrade.total();
    pay(upgrade, june.plusDays(3));
  }

  @AfterEach
  void close() {
    // Null when the database could not be had (PostgreSQL not configured): the test was skipped.
    if (db != null) {
      db.close();
    }
    if (testDb != null) {
      testDb.close();
    }
  }

  private Subscriptions subs(LocalDate today) {
    return new Subscriptions(db.jdbi(), on(today));
  }

  private void pay(Invoice invoice, LocalDate on) {
    new Invoices(db.jdbi(), on(on)).pay(invoice.number(), on, invoice.total(), null, null);
  }

  private long tenant(String domain, String name, String industry) {
    TenantRepository tenants = new TenantRepository(db.jdbi());
    tenants.create(
        new Tenant(
            domain,
            name,
            TenantStatus.ACTIVE,
            industry,
            null,
            Instant.parse("2020-01-01T00:00:00Z"),
            null));
    return db.jdbi().withHandle(h -> TenantRepository.idOf(h, domain).orElseThrow());
  }

  private void profile(
      long tenant, String company, String channel, String cost, LocalDate on, String tier) {
    db.jdbi()
        .useHandle(
            h ->
                h.createUpdate(
                        "INSERT INTO customer_profile (tenant_id, company, acquisition_channel,"
                            + " acquisition_cost, acquired_on, tier, updated_at) VALUES (:t, :c,"
                            + " :ch, :cost, :on, :tier, :at)")
                    .bind("t", tenant)
                    .bind("c", company)
                    .bind("ch", channel)
                    .bind("cost", new BigDecimal(cost))
                    .bind("on", on)
                    .bind("tier", tier)
                    .bind("at", OffsetDateTime.parse("2024-01-01T00:00:00Z"))
                    .execute());
  }

  private SaasMetrics metrics(LocalDate asOf) {
    return SaasMetrics.asOf(
        new BillingRevenue(db.jdbi(), BillingRevenue.DEFAULT_CURRENCY).load(asOf), asOf);
  }

  static BigDecimal d(String v) {
    return new BigDecimal(v);
  }

  @Test
  void mrrMovementsFromBillingsTables() {
    SaasMetrics m = metrics(LocalDate.of(2025, 6, 30));
    List<MrrMonth> months = m.mrr(YearMonth.of(2022, 3), YearMonth.of(2025, 6));
    assertThat(months.get(0).newMrr()).isEqualTo(d("416.67"));
    assertThat(months.get(12).netNewMrr()).as("first renewal").isEqualTo(d("0.00"));
    MrrMonth jan24 = months.get(22);
    assertThat(jan24.month()).isEqualTo(YearMonth.of(2024, 1));
    assertThat(jan24.newMrr()).isEqualTo(d("166.67"));
    assertThat(jan24.mrr()).isEqualTo(d("583.34"));
    MrrMonth jun24 = months.get(27);
    assertThat(jun24.expansionMrr()).isEqualTo(d("166.66"));
    assertThat(jun24.mrr()).isEqualTo(d("750.00"));
    MrrMonth mar25 = months.get(36);
    assertThat(mar25.month()).isEqualTo(YearMonth.of(2025, 3));
    assertThat(mar25.churnMrr()).isEqualTo(d("-416.67"));
    assertThat(mar25.mrr()).isEqualTo(d("333.33"));
    assertThat(mar25.customers()).isEqualTo(1);
  }

  @Test
  void theSeedCustomersYieldIs171Point4() {
    SaasMetrics m = metrics(LocalDate.of(2025, 6, 30));
    CustomerYield acme =
        m.yields().stream().filter(y -> y.name().equals("海川贸易")).findFirst().orElseThrow();
    assertThat(acme.lifetimeRevenue()).isEqualTo(d("18000.00"));
    assertThat(acme.ratio()).isEqualTo(d("171.4"));
    assertThat(acme.channel()).isEqualTo("search");
    assertThat(acme.industry()).isEqualTo("retail");
    assertThat(acme.active()).isFalse();
    CustomerYield beta =
        m.yields().stream().filter(y -> y.name().equals("Beta Clinic")).findFirst().orElseThrow();
    assertThat(beta.lifetimeRevenue()).isEqualByComparingTo(d("5000.00").add(betaUpgrade));
    assertThat(m.yieldsBy(Grouping.TIER))
        .extracting(GroupYield::group)
        .containsExactly("standard", "vip");
  }

  @Test
  void renewalsAndTimeTravel() {
    Retention r =
        metrics(LocalDate.of(2025, 6, 30)).retention(YearMonth.of(2023, 1), YearMonth.of(2025, 6));
    assertThat(r.termsEnded()).isEqualTo(3);
    assertThat(r.termsRenewed()).isEqualTo(2);
    // Before the third payment and before the cancellation was recorded.
    SaasMetrics earlier = metrics(LocalDate.of(2024, 3, 3));
    assertThat(earlier.yields())
        .filteredOn(y -> y.name().equals("海川贸易"))
        .extracting(CustomerYield::lifetimeRevenue, CustomerYield::ratio)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(d("13000.00"), d("123.8")));
    assertThat(earlier.mrr(YearMonth.of(2024, 3), YearMonth.of(2024, 3)).get(0).mrr())
        .isEqualTo(d("583.34"));
  }
}
