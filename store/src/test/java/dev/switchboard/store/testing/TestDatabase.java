package dev.switchboard.store.testing;

import dev.switchboard.store.DatabaseSettings;

/** A fresh, empty database for one test class or test; closing it drops what the test wrote. */
public interface TestDatabase extends AutoCloseable {

  /** Settings that point at this database (H2 file or a private PostgreSQL schema). */
  DatabaseSettings settings();

  /** "h2" or "postgresql", for messages. */
  String kind();

  @Override
  void close();
}
