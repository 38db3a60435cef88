package dev.switchboard.console.metrics;

import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;

/** {@link MetricsApiContract} on PostgreSQL. */
class MetricsApiPostgresTest extends MetricsApiContract {
  @Override
  TestDatabase newDatabase(Path dir) {
    return TestDatabases.postgres();
  }
}
