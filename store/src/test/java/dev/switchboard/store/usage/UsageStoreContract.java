package dev.switchboard.store.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.store.Database;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.StoreException;
import dev.switchboard.store.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Call records, registration events and the binding view, once per database kind. */
abstract class UsageStoreContract {

  static final Instant T0 = Instant.parse("2024-03-01T09:00:00.123456Z");

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

  static CallRecord call(String domain, int i, String from, String to, int status) {
    Instant setup = T0.plusSeconds(i * 60L);
    boolean answered = status == 200;
    return new CallRecord(
        0,
        domain,
        "call-" + i,
        "sip:" + from + "@" + domain,
        "sip:" + to + "@" + domain,
        "internal",
        setup,
        answered ? setup.plusSeconds(2) : null,
        setup.plusSeconds(answered ? 32 : 5),
        answered ? 30 : 0,
        status,
        answered ? "caller" : "system");
  }

  static CallRecord withoutId(CallRecord r) {
    return new CallRecord(
        0,
        r.domain(),
        r.callId(),
        r.fromUri(),
        r.toUri(),
        r.direction(),
        r.setupTime(),
        r.answerTime(),
        r.endTime(),
        r.durationSeconds(),
        r.status(),
        r.endedBy());
  }

  @Test
  void callRecordsRoundTripInInsertionOrder() {
    List<CallRecord> rows =
        IntStream.range(0, 50).mapToObj(i -> call("a.test", 49 - i, "1001", "1002", 200)).toList();
    calls.insertAll(rows);
    calls.insertAll(List.of(call("b.test", 1, "1", "2", 486)));
    List<CallRecord> stored = calls.listInInsertionOrder("A.test");
    assertThat(stored).extracting(UsageStoreContract::withoutId).containsExactlyElementsOf(rows);
    assertThat(stored).allMatch(r -> r.id() > 0);
  }

  @Test
  void unansweredCallKeepsNullAnswerTime() {
    calls.insertAll(List.of(call("a.test", 1, "1001", "1002", 486)));
    CallRecord r = calls.list("a.test", CallFilter.ALL, 10, null).items().get(0);
    assertThat(r.answerTime()).isNull();
    assertThat(r.status()).isEqualTo(486);
    assertThat(r.endedBy()).isEqualTo("system");
  }

  @Test
  void pagesWalkNewestFirstWithoutGapsOrRepeatsEvenOnEqualSetupTimes() {
    List<CallRecord> rows = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      // Pairs share a setup time, so the id must break ties.
      rows.add(call("a.test", i / 2, "1001", "1002", 200));
    }
    calls.insertAll(rows);
    List<CallRecord> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Page<CallRecord> page = calls.list("a.test", CallFilter.ALL, 5, cursor);
      seen.addAll(page.items());
      cursor = page.next();
      pages++;
    } while (cursor != null && pages < 20);
    assertThat(pages).isEqualTo(5);
    assertThat(seen).hasSize(23).doesNotHaveDuplicates();
    for (int i = 1; i < seen.size(); i++) {
      CallRecord prev = seen.get(i - 1);
      CallRecord cur = seen.get(i);
      assertThat(
              prev.setupTime().isAfter(cur.setupTime())
                  || (prev.setupTime().equals(cur.setupTime()) && prev.id() > cur.id()))
          .isTrue();
    }
  }

  @Test
  void exactlyFullLastPageHasNoNext() {
    calls.insertAll(IntStream.range(0, 4).mapToObj(i -> call("a.test", i, "1", "2", 200)).toList());
    assertThat(calls.list("a.test", CallFilter.ALL, 4, null).next()).isNull();
    assertThat(calls.list("a.test", CallFilter.ALL, 3, null).next()).isNotNull();
  }

  @Test
  void filtersByTimeExtensionAndStatus() {
    calls.insertAll(
        List.of(
            call("a.test", 0, "1001", "1002", 200),
            call("a.test", 1, "1002", "1003", 486),
            call("a.test", 2, "1003", "1001", 200),
            call("a.test", 3, "10x1", "1004", 200),
            call("a.test", 4, "1_01", "1004", 603)));
    assertThat(ids(new CallFilter(null, null, "1001", null))).containsExactly("call-2", "call-0");
    // '_' must not act as a LIKE wildcard.
    assertThat(ids(new CallFilter(null, null, "1_01", null))).containsExactly("call-4");
    assertThat(ids(new CallFilter(null, null, null, 486))).containsExactly("call-1");
    assertThat(ids(new CallFilter(T0.plusSeconds(60), T0.plusSeconds(180), null, null)))
        .containsExactly("call-2", "call-1");
    assertThat(ids(new CallFilter(T0.plusSeconds(60), null, "1004", 200)))
        .containsExactly("call-3");
  }

  @Test
  void badCursorsAndFiltersNameTheirField() {
    assertField(() -> calls.list("a.test", CallFilter.ALL, 5, "!!not-base64"), "cursor");
    assertField(() -> calls.list("a.test", CallFilter.ALL, 5, "Zm9v"), "cursor");
    assertField(() -> new CallFilter(T0, T0, null, null), "to");
    assertField(() -> new CallFilter(null, null, "a b", null), "extension");
    assertField(() -> new CallFilter(null, null, null, 99), "status");
  }

  @Test
  void registrationEventsRoundTripInOrder() {
    List<RegistrationRecord> events =
        IntStream.range(0, 30)
            .mapToObj(
                i ->
                    new RegistrationRecord(
                        0,
                        "a.test",
                        "sip:100" + (i % 3) + "@a.test",
                        "<sip:u@127.0.0.1:" + (5060 + i) + ">",
                        i % 2 == 0 ? "added" : "refreshed",
                        T0.plusMillis(i),
                        "udp",
                        "127.0.0.1:" + (5060 + i),
                        i % 5 == 0 ? null : "SIPp"))
            .toList();
    registrations.insertAll(events);
    assertThat(registrations.listInInsertionOrder("a.test"))
        .extracting(
            r ->
                new RegistrationRecord(
                    0,
                    r.domain(),
                    r.aor(),
                    r.contact(),
                    r.kind(),
                    r.occurredAt(),
                    r.transport(),
                    r.sourceAddress(),
                    r.userAgent()))
        .containsExactlyElementsOf(events);
  }

  private List<String> ids(CallFilter filter) {
    return calls.list("a.test", filter, 100, null).items().stream()
        .map(CallRecord::callId)
        .toList();
  }

  private static void assertField(Runnable r, String field) {
    assertThatThrownBy(r::run)
        .isInstanceOf(InvalidValueException.class)
        .extracting(e -> ((StoreException) e).field())
        .isEqualTo(field);
  }
}
