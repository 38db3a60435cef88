package dev.switchboard.ops.customer;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The customer department's API over {@code customer_profile}, the one table every other department
 * learns a customer's origin, owner and tier from. Writes take the caller's handle so they join its
 * transaction (a won deal, an import row).
 */
public final class CustomerProfiles {

  private static final String INSERT =
      "INSERT INTO customer_profile (tenant_id, company, region, size_band, acquisition_channel,"
          + " acquisition_campaign, acquisition_cost, acquired_on, owner_email, tier, updated_at)"
          + " VALUES (:t, :company, :region, :size, :channel, :campaign, :cost, :on, :owner,"
          + " :tier, :at)";

  private final Jdbi jdbi;

  public CustomerProfiles(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The profile of the tenant with SIP domain {@code domain}, if it has one. */
  public Optional<CustomerProfile> find(String domain) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT p.tenant_id, p.company, p.region, p.size_band, p.acquisition_channel,"
                        + " p.acquisition_campaign, p.acquisition_cost, p.acquired_on,"
                        + " p.owner_email, p.tier FROM customer_profile p JOIN tenant t ON t.id ="
                        + " p.tenant_id WHERE t.sip_domain = :d")
                .bind("d", domain.toLowerCase(java.util.Locale.ROOT))
                .map(
                    (rs, ctx) ->
                        new CustomerProfile(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getBigDecimal(7),
                            rs.getObject(8, java.time.LocalDate.class),
                            rs.getString(9),
                            rs.getString(10)))
                .findOne());
  }

  /** Writes {@code p} in place of the tenant's profile, if any. */
  public static void replace(Handle h, CustomerProfile p, OffsetDateTime at) {
    h.createUpdate("DELETE FROM customer_profile WHERE tenant_id = :t")
        .bind("t", p.tenantId())
        .execute();
    bind(h.createUpdate(INSERT), p, at).execute();
  }

  /** Inserts many new profiles in one batch (an import, the demo). */
  public static void insertAll(Handle h, Collection<CustomerProfile> profiles, OffsetDateTime at) {
    PreparedBatch batch = h.prepareBatch(INSERT);
    for (CustomerProfile p : profiles) {
      bind(batch, p, at).add();
    }
    if (!profiles.isEmpty()) {
      batch.execute();
    }
  }

  /** Customers won through {@code channel} so far. */
  public static long countFromChannel(Handle h, String channel) {
    return h.createQuery("SELECT COUNT(*) FROM customer_profile WHERE acquisition_channel = :c")
        .bind("c", channel)
        .mapTo(Long.class)
        .one();
  }

  /** Customers won through campaign {@code campaign} so far. */
  public static long countFromCampaign(Handle h, String campaign) {
    return h.createQuery("SELECT COUNT(*) FROM customer_profile WHERE acquisition_campaign = :c")
        .bind("c", campaign)
        .mapTo(Long.class)
        .one();
  }

  /** Moves the tenant to service tier {@code tier}. */
  public static void setTier(Handle h, long tenantId, String tier, OffsetDateTime at) {
    h.createUpdate("UPDATE customer_profile SET tier = :t, updated_at = :now WHERE tenant_id = :id")
        .bind("t", tier)
        .bind("now", at)
        .bind("id", tenantId)
        .execute();
  }

  private static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bind(
      S statement, CustomerProfile p, OffsetDateTime at) {
    return statement
        .bind("t", p.tenantId())
        .bind("company", p.company())
        .bind("region", p.region())
        .bind("size", p.sizeBand())
        .bind("channel", p.acquisitionChannel())
        .bind("campaign", p.acquisitionCampaign())
        .bind("cost", p.acquisitionCost())
        .bind("on", p.acquiredOn())
        .bind("owner", p.ownerEmail())
        .bind("tier", p.tier())
        .bind("at", at);
  }
}
