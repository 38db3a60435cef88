package dev.switchboard.console.metrics;

import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;

/** {@link MetricsApiContract} on H2. */
class MetricsApiH2Test extends MetricsApiContract {
  @Override
  TestDatabase newDatabase(Path dir) {
    return TestDatabases.h2(dir);
  }
}
