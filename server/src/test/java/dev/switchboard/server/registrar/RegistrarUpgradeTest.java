package dev.switchboard.server.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.location.Binding;
import dev.switchboard.store.Database;
import dev.switchboard.store.location.BindingRepository;
import dev.switchboard.store.testing.BindingRows;
import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node upgraded from the release that kept bindings in the database keeps every registered phone:
 * its first start moves the table's unexpired bindings into the journal.
 */
class RegistrarUpgradeTest {
  @TempDir Path tmp;

  @Test
  void bindingsInTheOldTableMoveIntoTheJournalOnce() throws Exception {
    Instant now = Instant.now();
    try (TestDatabase testDb = TestDatabases.h2(tmp.resolve("db"));
        Database db = Database.open(testDb.settings())) {
      BindingRows.insert(
          db.jdbi(),
          "a.test",
          "sip:1001@a.test",
          "<sip:1001@10.0.0.5:5060>",
          "Yealink",
          now.plusSeconds(600));
      BindingRows.insert(
          db.jdbi(), "a.test", "sip:1002@a.test", "<sip:1002@10.0.0.6>", null, now.minusSeconds(1));
      Path journal = tmp.resolve("location");
      try (RegistrarModule m =
          RegistrarModule.start(
              db.jdbi(), e -> {}, Clock.systemUTC(), RegistrarModule.Settings.DEFAULT, journal)) {
        assertThat(m.locations().lookup("sip:1001@a.test"))
            .extracting(Binding::userAgent)
            .containsExactly("Yealink");
        assertThat(m.locations().lookup("sip:1002@a.test")).isEmpty();
      }
      assertThat(new BindingRepository(db.jdbi()).unexpired(now)).isEmpty();
      try (RegistrarModule again =
          RegistrarModule.start(
              db.jdbi(), e -> {}, Clock.systemUTC(), RegistrarModule.Settings.DEFAULT, journal)) {
        assertThat(again.locations().lookup("sip:1001@a.test")).hasSize(1);
      }
    }
  }
}
