package dev.switchboard.store.pbx;

import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;

/** {@link PbxStoreContract} on PostgreSQL. */
class PbxStorePostgresTest extends PbxStoreContract {
  @Override
  TestDatabase newDatabase(Path dir) {
    return TestDatabases.postgres();
  }
}
