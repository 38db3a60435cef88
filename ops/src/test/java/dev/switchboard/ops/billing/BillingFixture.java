package dev.switchboard.ops.billing;

import dev.switchboard.store.Database;
import dev.switchboard.store.tenant.Tenant;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.tenant.TenantStatus;
import dev.switchboard.store.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** A migrated database and billing services whose "today" a test sets. */
final class BillingFixture implements AutoCloseable {

  final TestDatabase testDb;
  final Database db;
  final TenantRepository tenants;

  BillingFixture(TestDatabase testDb) {
    this.testDb = testDb;
    this.db = Database.open(testDb.settings());
    this.tenants = new TenantRepository(db.jdbi());
  }

  /** A clock at noon Shanghai time on {@code day}. */
  static Clock on(LocalDate day) {
    return Clock.fixed(day.atTime(4, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
  }

  Subscriptions subscriptions(LocalDate today) {
    return new Subscriptions(db.jdbi(), on(today));
  }

  Invoices invoices(LocalDate today) {
    return new Invoices(db.jdbi(), on(today));
  }

  long tenant(String domain) {
    tenants.create(
        new Tenant(
            domain,
            "Company " + domain,
            TenantStatus.ACTIVE,
            "retail",
            null,
            Instant.parse("2020-01-01T00:00:00Z"),
            null));
    return db.jdbi().withHandle(h -> TenantRepository.idOf(h, domain).orElseThrow());
  }

  @Override
  public void close() {
    db.close();
    testDb.close();
  }
}
