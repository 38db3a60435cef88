package dev.switchboard.server.usage;

import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;

/** {@link BatchingUsageWriterContract} on PostgreSQL. */
class BatchingUsageWriterPostgresTest extends BatchingUsageWriterContract {
  @Override
  TestDatabase newDatabase(Path dir) {
    return TestDatabases.postgres();
  }
}
