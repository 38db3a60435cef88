package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.server.wire.SipProbe;
import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.message.HeaderNames;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.store.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged means durable, proved the hard way: a real {@code serve} under REGISTER and API
 * write load is killed with SIGKILL a moment after one of its acknowledgements (the very thread
 * that receives a 200 or 201 past a random deadline pulls the trigger), restarted on the same data,
 * and must still have every account it answered 201 for and, for every address of record, exactly
 * the bindings its last 200 listed. Repeated {@value #DEFAULT_ROUNDS} times in a row (system
 * property {@code killnine.rounds}).
 */
abstract class KillNineContract {
  static final int DEFAULT_ROUNDS = 20;
  static final String DOMAIN = "k.test";
  static final int USERS = 40;
  static final int PHONES = 4;
  static final int WRITERS = 2;

  @TempDir Path dir;
  TestDatabase db;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  abstract TestDatabase newDatabase(Path dir);

  @AfterEach
  void dropDatabase() {
    if (db != null) {
      db.close();
    }
  }

  private String[] dbArgs() {
    if (db.settings().isEmbedded()) {
      return new String[0];
    }
    List<String> a = new ArrayList<>(List.of("--db-url", db.settings().url()));
    if (db.settings().user() != null) {
      a.addAll(List.of("--db-user", db.settings().user()));
    }
    return a.toArray(String[]::new);
  }

  /** One acknowledged REGISTER: its AOR and the contacts its 200 listed. */
  private record Ack(String aor, Set<String> contacts) {}

  /**
   * A REGISTER sent but not answered when the kill came: it may or may not have taken effect, since
   * the kill can fall between its write and its 200.
   */
  private record InFlight(String aor, String contact, boolean remove) {}

  @Test
  @Timeout(value = 900, unit = TimeUnit.SECONDS)
  void everyAcknowledgementSurvivesKillNineUnderLoadRoundAfterRound() throws Exception {
    db = newDatabase(dir.resolve("data"));
    int rounds = Integer.getInteger("killnine.rounds", DEFAULT_ROUNDS);
    Path data = dir.resolve("data");
    List<String> users = new ArrayList<>();
    try (Switchboard first = Switchboard.start(data, 0, dbArgs())) {
      first.tenant(DOMAIN);
      for (int i = 0; i < USERS; i++) {
        users.add(Integer.toString(7000 + i));
        first.post(
            "/api/v1/tenants/" + DOMAIN + "/accounts",
            Map.of("user", users.get(i), "password", Switchboard.password(users.get(i))));
      }
    }
    Map<String, Set<String>> expectedBindings = new HashMap<>(); // AOR → contacts of the last 200
    Map<String, InFlight> unanswered = new HashMap<>();
    Set<String> expectedAccounts = new TreeSet<>();
    Random random = new Random(42);
    int acknowledged = 0;
    for (int round = 1; round <= rounds; round++) {
      try (Switchboard node = Switchboard.start(data, 0, dbArgs())) {
        verify(node, expectedBindings, unanswered, expectedAccounts, round);
        // Whatever the restart showed is now the known state of the unanswered ones.
        unanswered.clear();
        long killAfter =
            System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300 + random.nextInt(900));
        AtomicBoolean killed = new AtomicBoolean();
        Runnable killOnce =
            () -> {
              if (killed.compareAndSet(false, true)) {
                // SIGKILL by PID, at once: the acknowledgement just received is the newest.
                ProcessHandle.of(node.process().pid()).ifPresent(ProcessHandle::destroyForcibly);
              }
            };
        Map<String, Ack> lastAck = new ConcurrentHashMap<>();
        Map<String, InFlight> pending = new ConcurrentHashMap<>();
        Set<String> created = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(PHONES + WRITERS);
        List<Thread> threads = new ArrayList<>();
        int r = round;
        for (int p = 0; p < PHONES; p++) {
          int phone = p;
          threads.add(
              new Thread(
                  () -> {
                    try (SipProbe probe = new SipProbe(node.sipPort())) {
                      registerLoop(
                          probe, users, phone, r, killAfter, killed, killOnce, lastAck, pending);
                    } finally {
                      done.countDown();
                    }
                  }));
        }
        for (int w = 0; w < WRITERS; w++) {
          int writer = w;
          threads.add(
              new Thread(
                  () -> {
                    try {
                      writeLoop(node.url(), writer, r, killAfter, killed, killOnce, created);
                    } finally {
                      done.countDown();
                    }
                  }));
        }
        threads.forEach(Thread::start);
        assertThat(done.await(60, TimeUnit.SECONDS)).as("load threads ended").isTrue();
        assertThat(killed).as("round %d: killed right after an acknowledgement", round).isTrue();
        node.process().kill(); // reap it
        lastAck.values().forEach(a -> expectedBindings.put(a.aor(), a.contacts()));
        unanswered.putAll(pending);
        expectedAccounts.addAll(created);
        acknowledged += lastAck.size() + created.size();
      }
    }
    try (Switchboard last = Switchboard.start(data, 0, dbArgs())) {
      verify(last, expectedBindings, unanswered, expectedAccounts, rounds + 1);
    }
    assertThat(acknowledged).as("acknowledgements checked").isGreaterThan(rounds * 10);
  }

  /**
   * Phone {@code phone} owns users phone, phone+PHONES, …, so each AOR's REGISTERs are in order.
   */
  private void registerLoop(
      SipProbe probe,
      List<String> users,
      int phone,
      int round,
      long killAfter,
      AtomicBoolean killed,
      Runnable killOnce,
      Map<String, Ack> lastAck,
      Map<String, InFlight> pending) {
    Random random = new Random(round * 31L + phone);
    while (!killed.get()) {
      String user = users.get(phone + PHONES * random.nextInt(USERS / PHONES));
      // One of three contacts, added, refreshed or removed: the set an AOR ends with varies.
      String contact = "<sip:" + user + "@127.0.0.1:" + (20000 + random.nextInt(3)) + ">";
      int expires = random.nextInt(4) == 0 ? 0 : 3600;
      String aor = "sip:" + user + "@" + DOMAIN;
      pending.put(aor, new InFlight(aor, Address.parse(contact).uri().toString(), expires == 0));
      SipResponse ok;
      try {
        ok = probe.register(user, Switchboard.password(user), DOMAIN, contact, expires);
      } catch (RuntimeException e) {
        return;
      }
      if (ok == null) {
        return; // the server is gone
      }
      pending.remove(aor);
      if (ok.status() == 200) {
        Set<String> contacts = new HashSet<>();
        for (String c : ok.headers().all(HeaderNames.CONTACT)) {
          for (Address a : Address.parseList(c)) {
            contacts.add(a.uri().toString());
          }
        }
        lastAck.put(aor, new Ack(aor, contacts));
        if (System.nanoTime() > killAfter) {
          killOnce.run();
          return;
        }
      }
    }
  }

  private void writeLoop(
      String url,
      int writer,
      int round,
      long killAfter,
      AtomicBoolean killed,
      Runnable killOnce,
      Set<String> created) {
    int n = 0;
    while (!killed.get()) {
      String user = "9" + round + "0" + writer + String.format("%04d", n++);
      HttpRequest req =
          HttpRequest.newBuilder(URI.create(url + "/api/v1/tenants/" + DOMAIN + "/accounts"))
              .timeout(Duration.ofSeconds(10))
              .header("Authorization", "Bearer " + Switchboard.TOKEN)
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"user\":\"" + user + "\",\"password\":\"pw-" + user + "-secret\"}"))
              .build();
      int status;
      try {
        status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (Exception e) {
        return; // the server is gone
      }
      if (status == 201) {
        created.add(user);
        if (System.nanoTime() > killAfter) {
          killOnce.run();
          return;
        }
      }
    }
  }

  private void verify(
      Switchboard node,
      Map<String, Set<String>> bindings,
      Map<String, InFlight> unanswered,
      Set<String> accounts,
      int round)
      throws Exception {
    Map<String, Set<String>> listed = new HashMap<>();
    for (JsonNode b : node.registrations(DOMAIN)) {
      listed
          .computeIfAbsent(b.get("aor").asText(), k -> new HashSet<>())
          .add(Address.parse(b.get("contact").asText()).uri().toString());
    }
    for (Map.Entry<String, Set<String>> e : bindings.entrySet()) {
      Set<String> actual = listed.getOrDefault(e.getKey(), Set.of());
      Set<String> acked = e.getValue();
      InFlight maybe = unanswered.get(e.getKey());
      Set<String> ifApplied = new HashSet<>(acked);
      if (maybe != null) {
        if (maybe.remove()) {
          ifApplied.remove(maybe.contact());
        } else {
          ifApplied.add(maybe.contact());
        }
      }
      assertThat(actual.equals(acked) || actual.equals(ifApplied))
          .as(
              "round %d: bindings of %s are %s; its last 200 OK listed %s (unanswered: %s)",
              round, e.getKey(), actual, acked, maybe)
          .isTrue();
      bindings.put(e.getKey(), actual);
    }
    Set<String> present = new HashSet<>();
    for (JsonNode a : node.get("/api/v1/tenants/" + DOMAIN + "/accounts")) {
      present.add(a.get("user").asText());
    }
    assertThat(present)
        .as("round %d: every account answered 201 before a kill", round)
        .containsAll(accounts);
  }
}
