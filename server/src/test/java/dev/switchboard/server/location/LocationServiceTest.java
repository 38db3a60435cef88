package dev.switchboard.server.location;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.usage.RegistrationEvent.Kind;
import dev.switchboard.server.usage.UsageEvent;
import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.transport.Endpoint;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability of the location service on its journal: restart, expiry on load, group commit, write
 * failures.
 */
class LocationServiceTest {

  static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  @TempDir Path tmp;

  BindingJournal journal() {
    return BindingJournal.open(tmp.resolve("location"), true, 64L << 20);
  }

  /** What a fresh process would find in the journal now. */
  List<Binding> onDisk(Instant now) {
    try (BindingJournal j = journal()) {
      return j.loadUnexpired(now);
    }
  }

  static Binding binding(String aor, String host, Instant expires) {
    return new Binding(
        aor,
        Address.parse("<sip:u@" + host + ":5060;transport=tcp>"),
        700,
        expires,
        "call-" + host,
        3,
        List.of(Address.parse("<sip:edge.test;lr>")),
        Endpoint.tcp(new InetSocketAddress("127.0.0.1", 40000)),
        "ua/1",
        NOW);
  }

  /** Replaces the AOR's bindings with {@code list}, reporting each as ADDED. */
  static BindingUpdate set(List<Binding> list) {
    return (current, now) ->
        new BindingOutcome.Changed(
            list, list.stream().map(b -> new BindingChange(Kind.ADDED, b)).toList());
  }

  IndexedLocationService open(Clock clock, List<UsageEvent> events) {
    return IndexedLocationService.open(journal(), events::add, clock, LocationConfig.DEFAULT);
  }

  static BindingUpdate refresh(Binding b) {
    return (current, now) ->
        new BindingOutcome.Changed(List.of(b), List.of(new BindingChange(Kind.REFRESHED, b)));
  }

  /**
   * A new Call-ID with the same contact, flow, Path and q routes exactly as before (SIPp and some
   * phones after a reboot send one): losing it in a crash loses only the Call-ID and CSeq kept for
   * ordering, so it is a lazy refresh too.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void aRefreshThatOnlyExtendsIsAcknowledgedAtOnceAndWrittenWithinASecond(boolean newCallId)
      throws Exception {
    Clock at = Clock.fixed(NOW, ZoneOffset.UTC);
    Binding first = binding("sip:1@a.test", "h1", NOW.plusSeconds(600));
    Binding extended =
        new Binding(
            first.aor(),
            first.contact(),
            first.qMillis(),
            NOW.plusSeconds(3600),
            newCallId ? "another-call-id" : first.callId(),
            first.cseq() + 1,
            first.path(),
            first.source(),
            first.userAgent(),
            NOW);
    try (IndexedLocationService s = open(at, new ArrayList<>())) {
      s.update(first.aor(), set(List.of(first))).toCompletableFuture().get(5, TimeUnit.SECONDS);
      long written = s.writer().snapshots();
      assertThat(
              s.update(first.aor(), refresh(extended))
                  .toCompletableFuture()
                  .get(5, TimeUnit.SECONDS))
          .isInstanceOf(BindingOutcome.Changed.class);
      assertThat(s.lookup(first.aor())).containsExactly(extended);
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> s.writer().snapshots() > written);
      // Written while the service still runs: what a kill -9 now would leave keeps the extension.
      Path copy = tmp.resolve("as-killed");
      java.nio.file.Files.createDirectories(copy);
      try (var files = java.nio.file.Files.list(tmp.resolve("location"))) {
        for (Path f : files.toList()) {
          if (!f.getFileName().toString().equals("lock")) {
            java.nio.file.Files.copy(f, copy.resolve(f.getFileName()));
          }
        }
      }
      try (BindingJournal j = BindingJournal.open(copy, true, 64L << 20)) {
        assertThat(j.loadUnexpired(NOW)).containsExactly(extended);
      }
    }
  }

  @Test
  void aRefreshFromAnotherFlowIsDurableBeforeItIsAcknowledged() throws Exception {
    Clock at = Clock.fixed(NOW, ZoneOffset.UTC);
    Binding first = binding("sip:1@a.test", "h1", NOW.plusSeconds(600));
    Binding moved =
        new Binding(
            first.aor(),
            first.contact(),
            first.qMillis(),
            NOW.plusSeconds(600),
            first.callId(),
            first.cseq() + 1,
            first.path(),
            Endpoint.tcp(new InetSocketAddress("127.0.0.1", 40001)),
            first.userAgent(),
            NOW);
    try (IndexedLocationService s = open(at, new ArrayList<>())) {
      s.update(first.aor(), set(List.of(first))).toCompletableFuture().get(5, TimeUnit.SECONDS);
      long written = s.writer().snapshots();
      s.update(first.aor(), refresh(moved)).toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertThat(s.writer().snapshots()).isEqualTo(written + 1);
      assertThat(s.lookup(first.aor())).containsExactly(moved);
    }
  }

  @Test
  void bindingsSurviveARestartAndExpiredOnesDoNot() throws Exception {
    Clock at = Clock.fixed(NOW, ZoneOffset.UTC);
    Binding live = binding("sip:1@a.test", "h1", NOW.plusSeconds(3600));
    Binding soon = binding("sip:2@a.test", "h2", NOW.plusSeconds(10));
    try (IndexedLocationService s = open(at, new ArrayList<>())) {
      s.update(live.aor(), set(List.of(live))).toCompletableFuture().get(5, TimeUnit.SECONDS);
      s.update(soon.aor(), set(List.of(soon))).toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertThat(s.lookup(live.aor())).containsExactly(live);
    }
    Clock later = Clock.fixed(NOW.plusSeconds(11), ZoneOffset.UTC);
    try (IndexedLocationService s = open(later, new ArrayList<>())) {
      assertThat(s.lookup(live.aor())).containsExactly(live);
      assertThat(s.lookup(soon.aor())).isEmpty();
      assertThat(s.size()).isEqualTo(1);
    }
  }

  @Test
  void concurrentUpdatesShareTransactionsAndCompleteOnlyWhenDurable() throws Exception {
    AtomicInteger transactions = new AtomicInteger();
    java.util.Set<String> written = java.util.concurrent.ConcurrentHashMap.newKeySet();
    List<String> durableWhenCompleted = new CopyOnWriteArrayList<>();
    BindingJournal real = journal();
    BindingPersistence counting =
        new BindingPersistence() {
          @Override
          public List<Binding> loadUnexpired(Instant now) {
            return real.loadUnexpired(now);
          }

          @Override
          public void write(List<AorSnapshot> snapshots) {
            transactions.incrementAndGet();
            real.write(snapshots);
            snapshots.forEach(x -> written.add(x.aor()));
          }

          @Override
          public int deleteExpired(Instant now) {
            return 0;
          }

          @Override
          public void close() {
            real.close();
          }
        };
    int n = 400;
    try (IndexedLocationService s =
        IndexedLocationService.open(
            counting, e -> {}, Clock.fixed(NOW, ZoneOffset.UTC), LocationConfig.DEFAULT)) {
      List<CompletableFuture<?>> all = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int from = t * (n / 8);
        Thread th =
            new Thread(
                () -> {
                  for (int i = from; i < from + n / 8; i++) {
                    String aor = "sip:" + i + "@a.test";
                    Binding b = binding(aor, "h" + i, NOW.plusSeconds(600));
                    CompletableFuture<?> f =
                        s.update(aor, set(List.of(b)))
                            .toCompletableFuture()
                            .thenRun(
                                () -> {
                                  if (written.contains(aor)) {
                                    durableWhenCompleted.add(aor);
                                  }
                                });
                    synchronized (all) {
                      all.add(f);
                    }
                  }
                });
        threads.add(th);
        th.start();
      }
      for (Thread th : threads) {
        th.join(10_000);
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      assertThat(durableWhenCompleted).hasSize(n);
      assertThat(transactions.get()).isLessThan(n).isEqualTo((int) s.writer().batches());
      assertThat(s.writer().snapshots()).isEqualTo(n);
    }
    assertThat(onDisk(NOW)).hasSize(n);
  }

  @Test
  void aFailedWriteFailsTheUpdateAndLeavesNothingVisible() throws Exception {
    BindingPersistence broken =
        new BindingPersistence() {
          @Override
          public List<Binding> loadUnexpired(Instant now) {
            return List.of();
          }

          @Override
          public void write(List<AorSnapshot> snapshots) {
            throw new IllegalStateException("disk full");
          }

          @Override
          public int deleteExpired(Instant now) {
            return 0;
          }
        };
    List<UsageEvent> events = new CopyOnWriteArrayList<>();
    try (IndexedLocationService s =
        IndexedLocationService.open(
            broken, events::add, Clock.fixed(NOW, ZoneOffset.UTC), LocationConfig.DEFAULT)) {
      Binding b = binding("sip:1@a.test", "h1", NOW.plusSeconds(60));
      CompletableFuture<BindingOutcome> f =
          s.update(b.aor(), set(List.of(b))).toCompletableFuture();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
          .hasRootCauseMessage("disk full");
      assertThat(s.lookup(b.aor())).isEmpty();
      assertThat(s.size()).isZero();
      assertThat(events).isEmpty();
    }
  }

  @Test
  void sweepingExpiresFromMemoryAndJournal() throws Exception {
    List<UsageEvent> events = new CopyOnWriteArrayList<>();
    dev.switchboard.server.registrar.MutableClock clock =
        new dev.switchboard.server.registrar.MutableClock(NOW);
    try (IndexedLocationService s = open(clock, events)) {
      Binding b = binding("sip:1@a.test", "h1", NOW.plusSeconds(30));
      s.update(b.aor(), set(List.of(b))).toCompletableFuture().get(5, TimeUnit.SECONDS);
      clock.advance(Duration.ofSeconds(31));
      s.sweep();
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> s.size() == 0);
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> events.size() == 2);
    }
    // Even read before the binding's own expiry, the journal says it is gone.
    assertThat(onDisk(NOW)).isEmpty();
  }

  @Test
  void aBindingRefreshedOftenIsReportedOncePerQuarterHour() throws Exception {
    List<UsageEvent> events = new CopyOnWriteArrayList<>();
    dev.switchboard.server.registrar.MutableClock clock =
        new dev.switchboard.server.registrar.MutableClock(NOW);
    String aor = "sip:1@a.test";
    try (IndexedLocationService s = open(clock, events)) {
      for (int minute : new int[] {0, 1, 2, 14, 15, 16, 31}) {
        clock.set(NOW.plusSeconds(60L * minute));
        Binding b =
            new Binding(
                aor,
                Address.parse("<sip:u@h1:5060>"),
                1000,
                clock.instant().plusSeconds(3600),
                "c",
                minute + 1,
                List.of(),
                Endpoint.udp(new InetSocketAddress("127.0.0.1", 40000)),
                null,
                clock.instant());
        BindingUpdate refresh =
            (current, now) ->
                new BindingOutcome.Changed(
                    List.of(b),
                    List.of(new BindingChange(current.isEmpty() ? Kind.ADDED : Kind.REFRESHED, b)));
        s.update(aor, refresh).toCompletableFuture().get(5, TimeUnit.SECONDS);
      }
    }
    // Added at :00; refreshed first in the quarters starting :15 and :30.
    assertThat(events)
        .extracting(e -> ((dev.switchboard.server.usage.RegistrationEvent) e).kind())
        .containsExactly(Kind.ADDED, Kind.REFRESHED, Kind.REFRESHED);
  }
}
