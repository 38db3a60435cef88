package dev.switchboard.console.churn;

import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Files;

/** The churn API over H2. */
class ChurnApiH2Test extends ChurnApiContract {

  @Override
  TestDatabase database() throws Exception {
    return TestDatabases.h2(Files.createTempDirectory("churn-api"));
  }
}
