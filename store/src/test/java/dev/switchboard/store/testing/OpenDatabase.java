package dev.switchboard.store.testing;

import dev.switchboard.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;

/**
 * A test database of either kind, opened and migrated; closing it closes the pool and drops the
 * PostgreSQL schema.
 */
public final class OpenDatabase implements AutoCloseable {

  public final TestDatabase test;
  public final Database db;

  private OpenDatabase(TestDatabase test) {
    this.test = test;
    this.db = Database.open(test.settings());
  }

  public static OpenDatabase of(TestDatabase test) {
    return new OpenDatabase(test);
  }

  /** {@code "h2"} in {@code dir} (a new temporary directory when null), or {@code "postgresql"}. */
  public static OpenDatabase of(String kind, Path dir) {
    if (kind.equals("postgresql")) {
      return new OpenDatabase(TestDatabases.postgres());
    }
    try {
      return new OpenDatabase(
          TestDatabases.h2(dir != null ? dir : Files.createTempDirectory("switchboard-test")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Jdbi jdbi() {
    return db.jdbi();
  }

  @Override
  public void close() {
    db.close();
    test.close();
  }
}
