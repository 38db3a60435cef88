package dev.switchboard.ops.marketing;

import dev.switchboard.store.Database;
import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** An open, migrated test database of one kind, with the fixed clock the fixtures use. */
final class MarketingDatabase implements AutoCloseable {

  /** 2026-03-31 10:00 in Shanghai. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-31T02:00:00Z"), ZoneOffset.UTC);

  final TestDatabase test;
  final Database db;

  private MarketingDatabase(TestDatabase test) {
    this.test = test;
    this.db = Database.open(test.settings());
  }

  static MarketingDatabase open(String kind) {
    if (kind.equals("postgresql")) {
      return new MarketingDatabase(TestDatabases.postgres());
    }
    try {
      Path dir = Files.createTempDirectory("switchboard-marketing");
      return new MarketingDatabase(TestDatabases.h2(dir));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    db.close();
    test.close();
  }
}
