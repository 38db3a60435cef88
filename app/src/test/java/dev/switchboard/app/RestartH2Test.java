package dev.switchboard.app;

import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;

/** {@link RestartContract} on H2. */
class RestartH2Test extends RestartContract {
  @Override
  TestDatabase newDatabase(Path dir) {
    return TestDatabases.h2(dir);
  }
}
