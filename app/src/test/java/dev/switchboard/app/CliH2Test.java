package dev.switchboard.app;

import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;

/** {@link CliContract} on H2. */
class CliH2Test extends CliContract {
  @Override
  TestDatabase newDatabase(Path dir) {
    return TestDatabases.h2(dir);
  }
}
