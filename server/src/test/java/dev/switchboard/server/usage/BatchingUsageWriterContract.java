package dev.switchboard.server.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.server.usage.CallDetailRecord.Direction;
import dev.switchboard.server.usage.CallDetailRecord.EndedBy;
import dev.switchboard.server.usage.RegistrationEvent.Kind;
import dev.switchboard.store.Database;
import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.usage.CallRecord;
import dev.switchboard.store.usage.CallRecordRepository;
import dev.switchboard.store.usage.RegistrationEventRepository;
import dev.switchboard.store.usage.RegistrationRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer against a real database, once per database kind. */
abstract class BatchingUsageWriterContract {

  static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  @TempDir Path tmp;
  private TestDatabase testDb;
  private Database db;
  CallRecordRepository calls;
  RegistrationEventRepository registrations;

  abstract TestDatabase newDatabase(Path dir);

  @BeforeEach
  void open() {
    testDb = newDatabase(tmp);
    db = Database.open(testDb.settings());
    calls = new CallRecordRepository(db.jdbi());
    registrations = new RegistrationEventRepository(db.jdbi());
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

  static CallDetailRecord cdr(int i) {
    Instant setup = T0.plusMillis(i);
    return new CallDetailRecord(
        "a.test",
        "call-" + i,
        "sip:1001@a.test",
        "sip:1002@a.test",
        Direction.INTERNAL,
        setup,
        i % 3 == 0 ? null : setup.plusSeconds(1),
        setup.plusSeconds(61),
        i % 3 == 0 ? 487 : 200,
        i % 3 == 0 ? EndedBy.SYSTEM : EndedBy.CALLEE);
  }

  static RegistrationEvent registration(int i) {
    return new RegistrationEvent(
        "a.test",
        "sip:1001@a.test",
        "<sip:1001@127.0.0.1:" + (6000 + i) + ">",
        i % 2 == 0 ? Kind.ADDED : Kind.REMOVED,
        T0.plusMillis(i),
        "udp",
        "127.0.0.1:" + (6000 + i),
        "SIPp");
  }

  @Test
  void eventsAreWrittenInOrderPerTableAndMapped() {
    int n = 2_500;
    try (BatchingUsageWriter w = BatchingUsageWriter.start(db)) {
      for (int i = 0; i < n; i++) {
        w.accept(cdr(i));
        w.accept(registration(i));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> w.counters().written() == 2L * n);
      UsageWriterCounters c = w.counters();
      assertThat(c.accepted()).isEqualTo(2L * n);
      assertThat(c.dropped()).isZero();
      assertThat(c.failed()).isZero();
      // 5,000 events at up to 1,000 per transaction.
      assertThat(c.batches()).isBetween(5L, 5_000L);
    }
    List<CallRecord> stored = calls.listInInsertionOrder("a.test");
    assertThat(stored)
        .extracting(CallRecord::callId)
        .containsExactlyElementsOf(
            java.util.stream.IntStream.range(0, n).mapToObj(i -> "call-" + i).toList());
    CallRecord unanswered = stored.get(0);
    assertThat(unanswered.answerTime()).isNull();
    assertThat(unanswered.durationSeconds()).isZero();
    assertThat(unanswered.endedBy()).isEqualTo("system");
    assertThat(unanswered.direction()).isEqualTo("internal");
    CallRecord answered = stored.get(1);
    assertThat(answered.durationSeconds()).isEqualTo(60);
    assertThat(answered.status()).isEqualTo(200);
    assertThat(answered.endedBy()).isEqualTo("callee");
    List<RegistrationRecord> events = registrations.listInInsertionOrder("a.test");
    assertThat(events)
        .extracting(RegistrationRecord::occurredAt)
        .containsExactlyElementsOf(
            java.util.stream.IntStream.range(0, n).mapToObj(i -> T0.plusMillis(i)).toList());
    assertThat(events.get(1).kind()).isEqualTo("removed");
    assertThat(events.get(1).userAgent()).isEqualTo("SIPp");
  }

  @Test
  void closeFlushesWhatIsQueued() {
    // A long delay keeps the first batch open, so only close can have written the events.
    UsageWriterSettings slow =
        new UsageWriterSettings(1_000, 1_000, Duration.ofSeconds(60), Duration.ofSeconds(30));
    BatchingUsageWriter w = BatchingUsageWriter.start(db, slow);
    for (int i = 0; i < 10; i++) {
      w.accept(cdr(i));
    }
    assertThat(calls.listInInsertionOrder("a.test")).isEmpty();
    w.close();
    assertThat(calls.listInInsertionOrder("a.test")).hasSize(10);
    assertThat(w.counters().written()).isEqualTo(10);
    w.accept(cdr(99));
    assertThat(w.counters().dropped()).isEqualTo(1);
  }
}
