package dev.switchboard.store.pbx;

import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;

/** {@link PbxStoreContract} on the embedded H2 database. */
class PbxStoreH2Test extends PbxStoreContract {
  @Override
  TestDatabase newDatabase(Path dir) {
    return TestDatabases.h2(dir);
  }
}
