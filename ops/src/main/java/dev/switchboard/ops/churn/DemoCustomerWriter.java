package dev.switchboard.ops.churn;

import dev.switchboard.ops.demo.DemoHistory;
import dev.switchboard.store.Database;
import dev.switchboard.store.tenant.Tenant;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.tenant.TenantStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Writes a demo story's customers as the billing and success seeds do (tenant, customer profile,
 * weekly usage), for the churn tests and benchmark, which run without those seeds. Customers whose
 * tenant exists are left alone.
 */
public final class DemoCustomerWriter {

  private DemoCustomerWriter() {}

  /** Writes every customer of {@code history}; returns how many were new. */
  public static int write(Database db, DemoHistory history) {
    TenantRepository tenants = new TenantRepository(db.jdbi());
    int written = 0;
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    for (DemoHistory.Customer c : history.customers()) {
      if (tenants.find(c.domain()).isPresent()) {
        continue;
      }
      tenants.create(
          new Tenant(
              c.domain(),
              c.company(),
              c.churnedOn() == null ? TenantStatus.ACTIVE : TenantStatus.SUSPENDED,
              c.industry(),
              Tenant.DEFAULT_TIME_ZONE,
              Instant.now()));
      written++;
      db.jdbi()
          .useTransaction(
              h -> {
                long id = TenantRepository.idOf(h, c.domain()).orElseThrow();
                h.createUpdate(
                        "INSERT INTO customer_profile (tenant_id, company, region, size_band,"
                            + " acquisition_channel, acquisition_campaign, acquired_on,"
                            + " owner_email, updated_at) VALUES (:id, :company, :region, :size,"
                            + " :channel, :campaign, :on, :owner, :now)")
                    .bind("id", id)
                    .bind("company", c.company())
                    .bind("region", c.region())
                    .bind("size", c.size())
                    .bind("channel", c.channel())
                    .bind("campaign", c.campaign())
                    .bind("on", c.startedOn())
                    .bind("owner", c.rep())
                    .bind("now", now)
                    .execute();
                PreparedBatch batch =
                    h.prepareBatch(
                        "INSERT INTO tenant_usage_week (tenant_id, week_start, seats,"
                            + " registered_seats, active_days, calls, minutes, console_logins,"
                            + " features_used) VALUES (:id, :w, :s, :r, :d, :c, :m, :l, :f)");
                for (DemoHistory.WeekUsage u : c.usage()) {
                  batch
                      .bind("id", id)
                      .bind("w", u.weekStart())
                      .bind("s", u.seats())
                      .bind("r", u.registeredSeats())
                      .bind("d", u.activeDays())
                      .bind("c", u.calls())
                      .bind("m", u.minutes())
                      .bind("l", u.consoleLogins())
                      .bind("f", u.featuresUsed())
                      .add();
                }
                if (!c.usage().isEmpty()) {
                  batch.execute();
                }
              });
    }
    return written;
  }
}
