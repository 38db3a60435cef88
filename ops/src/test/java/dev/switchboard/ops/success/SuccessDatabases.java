package dev.switchboard.ops.success;

import dev.switchboard.store.Database;
import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;

/** Opens a migrated test database of either kind, closing both the pool and the schema. */
public final class SuccessDatabases implements AutoCloseable {

  public final TestDatabase test;
  public final Database db;

  private SuccessDatabases(TestDatabase test) {
    this.test = test;
    this.db = Database.open(test.settings());
  }

  public static SuccessDatabases open(String kind, Path dir) {
    return new SuccessDatabases(
        kind.equals("h2") ? TestDatabases.h2(dir) : TestDatabases.postgres());
  }

  @Override
  public void close() {
    db.close();
    test.close();
  }
}
