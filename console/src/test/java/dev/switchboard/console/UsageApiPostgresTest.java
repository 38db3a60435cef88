package dev.switchboard.console;

import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;

/** {@link UsageApiContract} on PostgreSQL. */
class UsageApiPostgresTest extends UsageApiContract {
  @Override
  TestDatabase newDatabase(Path dir) {
    return TestDatabases.postgres();
  }
}
