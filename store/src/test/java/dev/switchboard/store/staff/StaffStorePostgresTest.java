package dev.switchboard.store.staff;

import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;

/** {@link StaffStoreContract} on PostgreSQL. */
class StaffStorePostgresTest extends StaffStoreContract {
  @Override
  TestDatabase newDatabase(Path dir) {
    return TestDatabases.postgres();
  }
}
