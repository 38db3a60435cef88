package dev.switchboard.demo.billing;

import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;

/** {@link BillingDemoSeedContract} on H2. */
class BillingDemoSeedTest extends BillingDemoSeedContract {
  @Override
  TestDatabase newDatabase(Path dir) {
    return TestDatabases.h2(dir);
  }
}
