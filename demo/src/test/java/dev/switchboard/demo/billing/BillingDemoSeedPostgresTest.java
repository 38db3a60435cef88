package dev.switchboard.demo.billing;

import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;

/** {@link BillingDemoSeedContract} on PostgreSQL. */
class BillingDemoSeedPostgresTest extends BillingDemoSeedContract {
  @Override
  TestDatabase newDatabase(Path dir) {
    return TestDatabases.postgres();
  }
}
