package dev.switchboard.console;

import static dev.switchboard.console.ApiContract.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.console.HttpJson.Reply;
import dev.switchboard.console.edge.HttpSettings;
import dev.switchboard.store.Database;
import dev.switchboard.store.pbx.MessageRepository;
import dev.switchboard.store.pbx.StoredMessage;
import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.usage.ActiveBinding;
import dev.switchboard.store.usage.CallRecord;
import dev.switchboard.store.usage.CallRecordRepository;
import dev.switchboard.store.usage.Registrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The call log and registrations routes over real HTTP, with rows written through the store's
 * repositories, once per database kind. Each test works in its own tenant.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class UsageApiContract {

  static final String TOKEN = "usage-token-" + System.nanoTime();
  static final Instant T0 = Instant.parse("2024-03-01T09:00:00Z");

  private Path dir;
  private TestDatabase testDb;
  private Database db;
  private ApiServer server;
  private HttpJson http;
  private CallRecordRepository calls;
  // The registrar's location service is not in this module; the console only pages what it says.
  private final List<ActiveBinding> registered = new java.util.concurrent.CopyOnWriteArrayList<>();

  abstract TestDatabase newDatabase(Path dir);

  @BeforeAll
  void startServer() throws Exception {
    dir = Files.createTempDirectory("switchboard-usage-api");
    testDb = newDatabase(dir);
    db = Database.open(testDb.settings());
    calls = new CallRecordRepository(db.jdbi());
    Registrations registrations =
        (domain, now, limit, cursor) ->
            Registrations.page(
                registered.stream()
                    .filter(b -> b.aor().endsWith("@" + domain) && b.expiresAt().isAfter(now))
                    .sorted(java.util.Comparator.comparing(ActiveBinding::aor))
                    .toList(),
                limit,
                cursor);
    server =
        ApiServer.start(
            "127.0.0.1",
            0,
            db,
            AdminToken.of(TOKEN),
            HttpSettings.DIRECT,
            new NodeState(registrations, NodeState.NONE.security(), () -> ""));
    http = new HttpJson(server.url(), TOKEN);
  }

  @AfterAll
  void stopServer() throws Exception {
    ServerTeardown.stop(server, db, testDb, dir);
  }

  private String newTenant() {
    return ApiContract.newTenant(http);
  }

  /** Call i is set up i hours after T0; 200s are answered 2 s later and last 30 s. */
  private static CallRecord call(String domain, int i, String from, String to, int status) {
    Instant setup = T0.plus(i, ChronoUnit.HOURS);
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
        setup.plusSeconds(answered ? 32 : 4),
        answered ? 30 : 0,
        status,
        answered ? "callee" : "caller");
  }

  private List<String> callIds(String path) {
    Reply r = http.get(path);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    r.json().get("items").forEach(item -> ids.add(item.get("callId").asText()));
    return ids;
  }

  /** The tenant admin's view of instant messages: newest first, paged, other tenants' unseen. */
  @Test
  void messagesComeNewestFirstAPageAtATimeAndOnlyTheTenants() {
    String d = newTenant();
    String other = newTenant();
    MessageRepository store = new MessageRepository(db.jdbi());
    for (int i = 0; i < 3; i++) {
      store.insert(
          new StoredMessage(
              0,
              d,
              "sip:1002@" + d,
              "sip:1001@" + d,
              "text/plain;charset=UTF-8",
              "hello " + i + " 你好",
              T0.plusSeconds(i),
              T0.plusSeconds(i).plus(7, ChronoUnit.DAYS),
              i == 0 ? "delivered" : "stored",
              i == 0 ? T0.plusSeconds(60) : null));
    }
    store.insert(
        new StoredMessage(
            0,
            other,
            "sip:1@" + other,
            "sip:2@" + other,
            "text/plain",
            "not yours",
            T0,
            T0.plusSeconds(60),
            "stored",
            null));
    Reply first = http.get("/api/v1/tenants/" + d + "/messages?limit=2");
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    JsonNode items = first.json().get("items");
    assertThat(items).hasSize(2);
    assertThat(items.get(0).get("body").asText()).isEqualTo("hello 2 你好");
    assertThat(items.get(0).get("status").asText()).isEqualTo("stored");
    assertThat(items.get(0).get("deliveredAt").isNull()).isTrue();
    assertThat(items.get(0).get("recipient").asText()).isEqualTo("sip:1002@" + d);
    assertThat(items.get(1).get("body").asText()).isEqualTo("hello 1 你好");
    String next = first.json().get("next").asText();
    Reply second = http.get("/api/v1/tenants/" + d + "/messages?limit=2&cursor=" + next);
    JsonNode last = second.json().get("items");
    assertThat(last).hasSize(1);
    assertThat(last.get(0).get("status").asText()).isEqualTo("delivered");
    assertThat(Instant.parse(last.get(0).get("deliveredAt").asText()))
        .isEqualTo(T0.plusSeconds(60));
    assertThat(second.json().get("next").isNull()).isTrue();
    assertError(http.get("/api/v1/tenants/" + d + "/messages?limit=0"), 400, "limit");
    assertError(http.get("/api/v1/tenants/" + d + "/messages?cursor=bogus"), 400, "cursor");
    assertError(http.get("/api/v1/tenants/" + d + "/messages?since=x"), 400, "since");
    assertThat(http.get("/api/v1/tenants/nobody.test/messages").status()).isEqualTo(404);
  }

  @Test
  void callsComeNewestFirstWithEveryField() {
    String d = newTenant();
    calls.insertAll(List.of(call(d, 0, "1001", "1002", 200), call(d, 1, "1002", "1001", 486)));
    Reply r = http.get("/api/v1/tenants/" + d + "/calls");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("next").isNull()).isTrue();
    JsonNode items = r.json().get("items");
    assertThat(items).hasSize(2);
    JsonNode unanswered = items.get(0);
    assertThat(unanswered.get("callId").asText()).isEqualTo("call-1");
    assertThat(unanswered.get("answerTime").isNull()).isTrue();
    assertThat(unanswered.get("status").isInt()).isTrue();
    assertThat(unanswered.get("status").asInt()).isEqualTo(486);
    assertThat(unanswered.get("endedBy").asText()).isEqualTo("caller");
    assertThat(unanswered.get("durationSeconds").asLong()).isZero();
    JsonNode answered = items.get(1);
    assertThat(answered.get("from").asText()).isEqualTo("sip:1001@" + d);
    assertThat(answered.get("to").asText()).isEqualTo("sip:1002@" + d);
    assertThat(answered.get("setupTime").asText()).isEqualTo("2024-03-01T09:00:00Z");
    assertThat(answered.get("answerTime").asText()).isEqualTo("2024-03-01T09:00:02Z");
    assertThat(answered.get("endTime").asText()).isEqualTo("2024-03-01T09:00:32Z");
    assertThat(answered.get("durationSeconds").asLong()).isEqualTo(30);
    assertThat(answered.get("direction").asText()).isEqualTo("internal");
    assertThat(answered.get("durationMillis").asLong()).isEqualTo(30_000);
    // Ten fields, and the PBX's four: durationMillis, routing, answeredBy, referredBy.
    assertThat(answered.size()).isEqualTo(14);
  }

  @Test
  void cursorWalksEveryCallOnce() {
    String d = newTenant();
    List<CallRecord> rows = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      rows.add(call(d, i, "1001", "1002", 200));
    }
    calls.insertAll(rows);
    List<String> seen = new ArrayList<>();
    String next = null;
    for (int page = 0; page < 10; page++) {
      Reply r =
          http.get(
              "/api/v1/tenants/" + d + "/calls?limit=5" + (next == null ? "" : "&cursor=" + next));
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      r.json().get("items").forEach(item -> seen.add(item.get("callId").asText()));
      next = r.json().get("next").isNull() ? null : r.json().get("next").asText();
      if (next == null) {
        break;
      }
    }
    List<String> expected = new ArrayList<>();
    for (int i = 11; i >= 0; i--) {
      expected.add("call-" + i);
    }
    assertThat(seen).containsExactlyElementsOf(expected);
  }

  @Test
  void filtersByDatesExtensionAndStatus() {
    String d = newTenant();
    calls.insertAll(
        List.of(
            call(d, 0, "1001", "1002", 200),
            call(d, 1, "1003", "1001", 486),
            call(d, 2, "1003", "1004", 200),
            call(d, 30, "1005", "1001", 200)));
    String base = "/api/v1/tenants/" + d + "/calls?";
    assertThat(callIds(base + "extension=1001")).containsExactly("call-30", "call-1", "call-0");
    assertThat(callIds(base + "status=486")).containsExactly("call-1");
    assertThat(callIds(base + "from=2024-03-01T10:00:00Z"))
        .containsExactly("call-30", "call-2", "call-1");
    // A date as "to" includes that whole day (call-30 is on March 2nd).
    assertThat(callIds(base + "to=2024-03-01")).containsExactly("call-2", "call-1", "call-0");
    assertThat(callIds(base + "from=2024-03-02")).containsExactly("call-30");
    assertThat(callIds(base + "to=2024-03-01T10:00:00%2B01:00")).isEmpty();
    assertThat(callIds(base + "extension=1003&status=200")).containsExactly("call-2");
  }

  @Test
  void badQueryParametersAre400NamingTheField() {
    String base = "/api/v1/tenants/" + newTenant() + "/calls?";
    assertError(http.get(base + "limit=0"), 400, "limit");
    assertError(http.get(base + "limit=501"), 400, "limit");
    assertError(http.get(base + "limit=ten"), 400, "limit");
    assertError(http.get(base + "cursor=bogus"), 400, "cursor");
    assertError(http.get(base + "from=yesterday"), 400, "from");
    assertError(http.get(base + "to=2024-13-01"), 400, "to");
    assertError(http.get(base + "from=2024-03-02&to=2024-03-01T00:00:00Z"), 400, "to");
    assertError(http.get(base + "status=abc"), 400, "status");
    assertError(http.get(base + "status=700"), 400, "status");
    assertError(http.get(base + "extension=a%20b"), 400, "extension");
    assertError(http.get(base + "sort=asc"), 400, "sort");
    assertError(http.get(base + "limit=1&limit=2"), 400, "limit");
    assertThat(http.get(base + "limit=500").status()).isEqualTo(200);
  }

  @Test
  void unknownTenantIs404AndNoTokenIs401() {
    assertError(http.get("/api/v1/tenants/nobody.test/calls"), 404, "domain");
    assertError(http.get("/api/v1/tenants/nobody.test/registrations"), 404, "domain");
    assertError(http.send("GET", "/api/v1/tenants/x.test/calls", null, null, null), 401, null);
    assertError(
        http.send("GET", "/api/v1/tenants/x.test/registrations", null, null, "no"), 401, null);
  }

  @Test
  void otherTenantsCallsStayHidden() {
    String mine = newTenant();
    String theirs = newTenant();
    calls.insertAll(List.of(call(theirs, 0, "1001", "1002", 200)));
    assertThat(callIds("/api/v1/tenants/" + mine + "/calls")).isEmpty();
    assertThat(callIds("/api/v1/tenants/" + theirs.toUpperCase() + "/calls"))
        .containsExactly("call-0");
  }

  @Test
  void registrationsListUnexpiredBindingsPageByPage() {
    String d = newTenant();
    Instant now = Instant.now();
    for (int i = 0; i < 3; i++) {
      registered.add(
          new ActiveBinding(
              0,
              "sip:100" + i + "@" + d,
              "<sip:100" + i + "@127.0.0.1:5070;transport=udp>",
              "udp",
              "baresip",
              now.plusSeconds(600).truncatedTo(ChronoUnit.SECONDS)));
    }
    registered.add(
        new ActiveBinding(0, "sip:gone@" + d, "<sip:gone@h>", "udp", null, now.minusSeconds(5)));
    Reply first = http.get("/api/v1/tenants/" + d + "/registrations?limit=2");
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    JsonNode items = first.json().get("items");
    assertThat(items).hasSize(2);
    JsonNode b = items.get(0);
    assertThat(b.get("aor").asText()).isEqualTo("sip:1000@" + d);
    assertThat(b.get("contact").asText()).isEqualTo("<sip:1000@127.0.0.1:5070;transport=udp>");
    assertThat(b.get("transport").asText()).isEqualTo("udp");
    assertThat(b.get("userAgent").asText()).isEqualTo("baresip");
    assertThat(b.get("expiresAt").asText()).endsWith("Z");
    assertThat(Instant.parse(b.get("expiresAt").asText())).isAfter(now);
    Reply second =
        http.get(
            "/api/v1/tenants/"
                + d
                + "/registrations?limit=2&cursor="
                + first.json().get("next").asText());
    assertThat(second.json().get("items")).hasSize(1);
    assertThat(second.json().get("items").get(0).get("aor").asText()).isEqualTo("sip:1002@" + d);
    assertThat(second.json().get("next").isNull()).isTrue();
    assertError(http.get("/api/v1/tenants/" + d + "/registrations?extension=1"), 400, "extension");
  }
}
