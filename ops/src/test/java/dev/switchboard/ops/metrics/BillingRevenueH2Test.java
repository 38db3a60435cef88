package dev.switchboard.ops.metrics;

import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;

/** {@link BillingRevenueContract} on H2. */
class BillingRevenueH2Test extends BillingRevenueContract {
  @Override
  TestDatabase newDatabase(Path dir) {
    return TestDatabases.h2(dir);
  }
}
