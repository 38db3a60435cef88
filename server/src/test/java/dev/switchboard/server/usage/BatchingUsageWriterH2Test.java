package dev.switchboard.server.usage;

import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;

/** {@link BatchingUsageWriterContract} on H2. */
class BatchingUsageWriterH2Test extends BatchingUsageWriterContract {
  @Override
  TestDatabase newDatabase(Path dir) {
    return TestDatabases.h2(dir);
  }
}
