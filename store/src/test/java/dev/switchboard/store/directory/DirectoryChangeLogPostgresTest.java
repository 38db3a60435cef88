package dev.switchboard.store.directory;

import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;

/** {@link DirectoryChangeLogContract} on PostgreSQL. */
class DirectoryChangeLogPostgresTest extends DirectoryChangeLogContract {
  @Override
  TestDatabase newDatabase(Path dir) {
    return TestDatabases.postgres();
  }
}
