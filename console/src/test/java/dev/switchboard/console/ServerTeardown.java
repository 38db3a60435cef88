package dev.switchboard.console;

import dev.switchboard.store.Database;
import dev.switchboard.store.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Stops what an API test class started, in order; any part may be null (a failed start). */
public final class ServerTeardown {

  private ServerTeardown() {}

  /** Closes the server, the database and the test database, then deletes {@code dir}. */
  public static void stop(ApiServer server, Database db, TestDatabase testDb, Path dir)
      throws Exception {
    if (server != null) {
      server.close();
    }
    if (db != null) {
      db.close();
    }
    if (testDb != null) {
      testDb.close();
    }
    if (dir != null) {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(ServerTeardown::delete);
      }
    }
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
