package dev.switchboard.console.metrics;

import dev.switchboard.ops.billing.Invoice;
import dev.switchboard.ops.billing.Invoices;
import dev.switchboard.ops.billing.Subscriptions;
import dev.switchboard.store.Database;
import dev.switchboard.store.tenant.Tenant;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.tenant.TenantStatus;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A small known history written through the billing API: the seed's customer (8000, 5000, 5000,
 * gone in year four; search, cost 105) and a clinic that grows from two seats to four and renews.
 * The figures the metrics tests expect are worked out by hand in their comments.
 */
public final class MetricsStory {

  public static final LocalDate ACME_START = LocalDate.of(2022, 3, 1);
  public static final LocalDate BETA_START = LocalDate.of(2024, 1, 10);
  public static final LocalDate BETA_GROWS = LocalDate.of(2024, 6, 1);

  /** The day the tests look from. */
  public static final LocalDate AS_OF = LocalDate.of(2025, 6, 30);

  private final Database db;

  /**
   * What beta's mid-term upgrade to four seats was invoiced (billing's proration, paid in full).
   */
  public final BigDecimal betaUpgrade;

  private MetricsStory(Database db) {
    this.db = db;
    long acme = tenant("acme.example", "海川贸易", "retail");
    long beta = tenant("beta.example", "Beta Clinic", "clinic");
    profile(acme, "海川贸易", "search", "105.00", ACME_START.minusDays(9), "standard");
    profile(beta, "Beta Clinic", "trade_show", "400.00", BETA_START, "vip");

    Invoice first = subs(ACME_START).subscribe(acme, "starter", 5, ACME_START, true).invoice();
    pay(first, ACME_START.plusDays(9));
    for (int year = 1; year <= 2; year++) {
      LocalDate renewal = ACME_START.plusYears(year);
      pay(subs(renewal).renew("acme.example").invoice(), renewal.plusDays(5));
    }
    subs(LocalDate.of(2025, 1, 1)).cancel("acme.example", false, null);

    pay(subs(BETA_START).subscribe(beta, "starter", 2, BETA_START, true).invoice(), BETA_START);
    Invoice upgrade = subs(BETA_GROWS).changeSeats("beta.example", 4, BETA_GROWS).invoice();
    betaUpgrade = upgrade.total();
    pay(upgrade, BETA_GROWS.plusDays(3));
    LocalDate renewal = BETA_START.plusYears(1);
    pay(subs(renewal).renew("beta.example").invoice(), renewal.plusDays(2));
  }

  /** Writes the story into {@code db} (tenants, profiles, subscriptions, invoices, payments). */
  public static MetricsStory seed(Database db) {
    return new MetricsStory(db);
  }

  private static Clock on(LocalDate day) {
    return Clock.fixed(day.atTime(4, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
  }

  private Subscriptions subs(LocalDate today) {
    return new Subscriptions(db.jdbi(), on(today));
  }

  private void pay(Invoice invoice, LocalDate on) {
    new Invoices(db.jdbi(), on(on)).pay(invoice.number(), on, invoice.total(), null, null);
  }

  private long tenant(String domain, String name, String industry) {
    new TenantRepository(db.jdbi())
        .create(
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
}
