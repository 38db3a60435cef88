package dev.switchboard.store;

import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;

/** {@link AccountImportContract} on Postgres. */
class AccountImportPostgresTest extends AccountImportContract {
  @Override
  TestDatabase newDatabase(Path dir) {
    return TestDatabases.postgres();
  }
}
