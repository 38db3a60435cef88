package dev.switchboard.store.location;

import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;

/** {@link BindingRepositoryContract} on H2. */
class BindingRepositoryH2Test extends BindingRepositoryContract {
  @Override
  TestDatabase newDatabase(Path dir) {
    return TestDatabases.h2(dir);
  }
}
