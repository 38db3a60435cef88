package dev.switchboard.app;

import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;

/** {@link RestartContract} on Postgres. */
class RestartPostgresTest extends RestartContract {
  @Override
  TestDatabase newDatabase(Path dir) {
    return TestDatabases.postgres();
  }
}
