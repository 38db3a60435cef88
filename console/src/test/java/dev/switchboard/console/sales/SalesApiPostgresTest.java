package dev.switchboard.console.sales;

import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;

/** {@link SalesApiContract} on PostgreSQL. */
class SalesApiPostgresTest extends SalesApiContract {
  @Override
  TestDatabase newDatabase(Path dir) {
    return TestDatabases.postgres();
  }
}
