package dev.switchboard.store.usage;

import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;

/** {@link UsageStoreContract} on PostgreSQL. */
class UsageStorePostgresTest extends UsageStoreContract {
  @Override
  TestDatabase newDatabase(Path dir) {
    return TestDatabases.postgres();
  }
}
