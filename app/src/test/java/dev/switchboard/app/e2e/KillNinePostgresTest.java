package dev.switchboard.app.e2e;

import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;

/** {@link KillNineContract} on PostgreSQL. */
class KillNinePostgresTest extends KillNineContract {
  @Override
  TestDatabase newDatabase(Path dir) {
    return TestDatabases.postgres();
  }
}
