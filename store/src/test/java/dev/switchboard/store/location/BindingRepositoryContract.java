package dev.switchboard.store.location;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.store.Database;
import dev.switchboard.store.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Binding rows: whole-AOR replacement in one transaction, loading unexpired, deleting expired. */
abstract class BindingRepositoryContract {

  static final Instant NOW = Instant.parse("2030-01-01T00:00:00.123456Z");

  @TempDir Path tmp;
  private TestDatabase testDb;
  private Database db;
  private BindingRepository repo;

  abstract TestDatabase newDatabase(Path dir);

  @BeforeEach
  void open() {
    testDb = newDatabase(tmp);
    db = Database.open(testDb.settings());
    repo = new BindingRepository(db.jdbi());
  }

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
    if (testDb != null) {
      testDb.close();
    }
  }

  static StoredBinding binding(String aor, String contact, long expiresIn, String path) {
    return new StoredBinding(
        "a.test",
        aor,
        contact,
        500,
        NOW.plusSeconds(expiresIn),
        "call-" + contact,
        7,
        path,
        "UDP",
        "127.0.0.1:5062",
        "phone/1.0",
        NOW);
  }

  @Test
  void replaceWritesTheWholeSetAndRoundTrips() {
    StoredBinding a = binding("sip:1001@a.test", "<sip:1001@10.0.0.1:5060>", 60, null);
    StoredBinding b = binding("sip:1001@a.test", "<sip:1001@10.0.0.2:5060>", 120, "<sip:edge;lr>");
    repo.replace(List.of(new AorBindings("sip:1001@a.test", List.of(a, b))));
    assertThat(repo.find("sip:1001@a.test")).containsExactly(a, b);

    repo.replace(List.of(new AorBindings("sip:1001@a.test", List.of(b))));
    assertThat(repo.find("sip:1001@a.test")).containsExactly(b);

    repo.replace(List.of(new AorBindings("sip:1001@a.test", List.of())));
    assertThat(repo.find("sip:1001@a.test")).isEmpty();
  }

  @Test
  void aBatchKeepsTheLastSnapshotOfEachAor() {
    StoredBinding a = binding("sip:1001@a.test", "<sip:1001@10.0.0.1>", 60, null);
    StoredBinding b = binding("sip:1001@a.test", "<sip:1001@10.0.0.2>", 60, null);
    StoredBinding c = binding("sip:1002@a.test", "<sip:1002@10.0.0.3>", 60, null);
    repo.replace(
        List.of(
            new AorBindings("sip:1001@a.test", List.of(a)),
            new AorBindings("sip:1002@a.test", List.of(c)),
            new AorBindings("sip:1001@a.test", List.of(a, b))));
    assertThat(repo.find("sip:1001@a.test")).containsExactly(a, b);
    assertThat(repo.find("sip:1002@a.test")).containsExactly(c);
  }

  @Test
  void unexpiredAndDeleteExpired() {
    StoredBinding old = binding("sip:1001@a.test", "<sip:1001@10.0.0.1>", -1, null);
    StoredBinding edge = binding("sip:1001@a.test", "<sip:1001@10.0.0.2>", 0, null);
    StoredBinding live = binding("sip:1002@a.test", "<sip:1002@10.0.0.3>", 30, null);
    repo.replace(
        List.of(
            new AorBindings("sip:1001@a.test", List.of(old, edge)),
            new AorBindings("sip:1002@a.test", List.of(live))));
    assertThat(repo.unexpired(NOW)).containsExactly(live);
    assertThat(repo.deleteExpired(NOW)).isEqualTo(2);
    assertThat(repo.find("sip:1001@a.test")).isEmpty();
    assertThat(repo.find("sip:1002@a.test")).containsExactly(live);
  }
}
