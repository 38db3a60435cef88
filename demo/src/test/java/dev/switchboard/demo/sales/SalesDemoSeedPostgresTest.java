package dev.switchboard.demo.sales;

import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;

/** {@link SalesDemoSeedContract} on PostgreSQL. */
class SalesDemoSeedPostgresTest extends SalesDemoSeedContract {
  @Override
  TestDatabase newDatabase(Path dir) {
    return TestDatabases.postgres();
  }
}
