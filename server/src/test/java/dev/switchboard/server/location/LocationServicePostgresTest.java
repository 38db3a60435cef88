package dev.switchboard.server.location;

import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;

/** {@link LocationServiceContract} on PostgreSQL. */
class LocationServicePostgresTest extends LocationServiceContract {
  @Override
  TestDatabase newDatabase(Path dir) {
    return TestDatabases.postgres();
  }
}
