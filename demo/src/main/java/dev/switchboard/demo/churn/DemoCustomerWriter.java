package dev.switchboard.demo.churn;

import dev.switchboard.demo.DemoHistory;
import dev.switchboard.ops.customer.CustomerProfile;
import dev.switchboard.ops.customer.CustomerProfiles;
import dev.switchboard.ops.customer.UsageWeeks;
import dev.switchboard.store.Database;
import dev.switchboard.store.tenant.Tenant;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.tenant.TenantStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

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
                CustomerProfiles.replace(
                    h,
                    new CustomerProfile(
                        id,
                        c.company(),
                        c.region(),
                        c.size(),
                        c.channel(),
                        c.campaign(),
                        null,
                        c.startedOn(),
                        c.rep(),
                        null),
                    now);
                UsageWeeks.insertMissing(h, id, c.usage());
              });
    }
    return written;
  }
}
