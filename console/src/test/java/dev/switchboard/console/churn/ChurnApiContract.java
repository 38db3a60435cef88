package dev.switchboard.console.churn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.console.AdminToken;
import dev.switchboard.console.ApiServer;
import dev.switchboard.demo.DemoHistory;
import dev.switchboard.demo.churn.ChurnDemoSeed;
import dev.switchboard.demo.churn.DemoCustomerWriter;
import dev.switchboard.store.Database;
import dev.switchboard.store.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The churn API over a real server and database with the demo story seeded. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChurnApiContract {

  static final String TOKEN = "churn-api-token";
  static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
  static final ObjectMapper JSON = new ObjectMapper();

  private TestDatabase testDb;
  private Database db;
  private ApiServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  DemoHistory history;

  abstract TestDatabase database() throws Exception;

  @BeforeAll
  void start() throws Exception {
    testDb = database();
    db = Database.open(testDb.settings());
    history = DemoHistory.generate(DemoHistory.DEMO_SEED, TODAY);
    DemoCustomerWriter.write(db, history);
    new ChurnDemoSeed(Clock.fixed(Instant.parse("2026-11-25T01:00:00Z"), ZoneOffset.UTC))
        .seed(db, history);
    server = ApiServer.start("127.0.0.1", 0, db, AdminToken.of(TOKEN));
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (db != null) {
      db.close();
    }
    if (testDb != null) {
      testDb.close();
    }
  }

  record Reply(int status, JsonNode json) {}

  Reply send(String method, String path, String body, String type) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .header("Authorization", "Bearer " + TOKEN)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", type);
    }
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void riskListIsSortedByExpectedLossWithReasons() {
    Reply r = send("GET", "/api/v1/success/churn/risks?limit=500", null, null);
    assertThat(r.status()).isEqualTo(200);
    JsonNode items = r.json().get("items");
    long active =
        history.customers().stream()
            .filter(c -> c.churnedOn() == null || c.reactivatedOn() != null)
            .count();
    assertThat(items.size()).isBetween((int) active - 5, (int) active);
    double last = Double.MAX_VALUE;
    for (JsonNode i : items) {
      double loss = i.get("expectedLoss").asDouble();
      assertThat(loss).isLessThanOrEqualTo(last);
      last = loss;
      double expected =
          Math.round(i.get("risk").asDouble() * i.get("monthlyRevenue").asDouble() * 100) / 100.0;
      assertThat(loss).isCloseTo(expected, org.assertj.core.api.Assertions.within(0.011));
    }
    assertThat(items.get(0).get("reasons").size()).isBetween(1, 3);
    assertThat(r.json().get("model").get("revenueBasis").asText()).contains("50.00");
    assertThat(send("GET", "/api/v1/success/churn/risks?limit=0", null, null).status())
        .isEqualTo(400);
    assertThat(
            send("GET", "/api/v1/success/churn/risks?sort=x", null, null)
                .json()
                .get("field")
                .asText())
        .isEqualTo("sort");
  }

  @Test
  void evaluationAndRetrain() {
    Reply e = send("GET", "/api/v1/success/churn/evaluation", null, null);
    assertThat(e.status()).isEqualTo(200);
    JsonNode ev = e.json().get("evaluation");
    assertThat(ev.get("results")).hasSize(3);
    assertThat(ev.get("results").get(2).get("model").asText()).isEqualTo("health_score");
    assertThat(ev.get("results").get(2).get("brier").isNull()).isTrue();
    assertThat(ev.get("testPoints").asInt() + ev.get("trainPoints").asInt())
        .isEqualTo(e.json().get("decisionPoints").asInt());
    Reply again = send("POST", "/api/v1/success/churn/retrain", null, null);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json().get("id").asLong()).isGreaterThan(e.json().get("id").asLong());
    // The server's today (Asia/Shanghai) may be a day past the seed's: at least the same history.
    assertThat(again.json().get("decisionPoints").asInt())
        .isGreaterThanOrEqualTo(e.json().get("decisionPoints").asInt());
    assertThat(
            send("GET", "/api/v1/success/churn/risks?limit=1", null, null)
                .json()
                .get("model")
                .get("id")
                .asLong())
        .isEqualTo(again.json().get("id").asLong());
  }

  @Test
  void churnReasonsCrudWithEarlySignals() {
    Reply list = send("GET", "/api/v1/success/churn/reasons", null, null);
    assertThat(list.json().size())
        .isEqualTo((int) history.customers().stream().filter(c -> c.churnedOn() != null).count());
    long id = list.json().get(0).get("id").asLong();
    Reply one = send("GET", "/api/v1/success/churn/reasons/" + id, null, null);
    assertThat(one.json().get("signals")).hasSize(8);
    assertThat(one.json().get("signals").get(0).get("signal").asText())
        .isEqualTo("registered_share");

    String domain =
        history.customers().stream()
            .filter(c -> c.churnedOn() == null)
            .findFirst()
            .orElseThrow()
            .domain();
    String body =
        "{\"domain\":\""
            + domain
            + "\",\"churnedOn\":\"2026-11-01\",\"reason\":\"price\",\"note\":\"asked for 20 % off\"}";
    Reply created = send("POST", "/api/v1/success/churn/reasons", body, "application/json");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("reason").asText()).isEqualTo("price");
    assertThat(send("POST", "/api/v1/success/churn/reasons", body, "application/json").status())
        .isEqualTo(409);
    long newId = created.json().get("id").asLong();
    Reply patched =
        send(
            "PATCH",
            "/api/v1/success/churn/reasons/" + newId,
            "{\"reason\":\"missing_feature\"}",
            "application/json");
    assertThat(patched.json().get("reason").asText()).isEqualTo("missing_feature");
    assertThat(patched.json().get("note").asText()).isEqualTo("asked for 20 % off");
    Reply bad =
        send(
            "PATCH",
            "/api/v1/success/churn/reasons/" + newId,
            "{\"reason\":\"bored\"}",
            "application/json");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("field").asText()).isEqualTo("reason");
    assertThat(
            send(
                    "POST",
                    "/api/v1/success/churn/reasons",
                    "{\"domain\":\"x.test\",\"churnedOn\":\"soon\",\"reason\":\"price\"}",
                    "application/json")
                .json()
                .get("field")
                .asText())
        .isEqualTo("churnedOn");
    assertThat(
            send(
                    "POST",
                    "/api/v1/success/churn/reasons",
                    "{\"domain\":\"nobody.test\",\"churnedOn\":\"2026-01-01\",\"reason\":\"price\"}",
                    "application/json")
                .status())
        .isEqualTo(404);
    assertThat(send("DELETE", "/api/v1/success/churn/reasons/" + newId, null, null).status())
        .isEqualTo(204);
    assertThat(send("GET", "/api/v1/success/churn/reasons/" + newId, null, null).status())
        .isEqualTo(404);
  }

  @Test
  void ownHistoryIsCrossValidated() {
    StringBuilder csv = new StringBuilder("id,usage,plan,left\n");
    java.util.Random random = new java.util.Random(3);
    for (int i = 0; i < 120; i++) {
      double usage = random.nextDouble();
      boolean left = random.nextDouble() < 0.8 - 0.7 * usage;
      csv.append("c")
          .append(i)
          .append(',')
          .append(String.format(java.util.Locale.ROOT, "%.3f", usage))
          .append(',')
          .append(i % 3 == 0 ? "basic" : "pro")
          .append(',')
          .append(left ? "1" : "0")
          .append('\n');
    }
    Reply r =
        send(
            "POST",
            "/api/v1/success/churn/own-history?churnColumn=left",
            csv.toString(),
            "text/csv");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("rows").asInt()).isEqualTo(120);
    assertThat(r.json().get("models").get(0).get("foldAuc")).hasSize(5);
    assertThat(r.json().get("models").get(0).get("meanAuc").asDouble()).isGreaterThan(0.6);
    assertThat(r.json().get("columns").get(0).get("kind").asText()).isEqualTo("dropped_identifier");
    Reply bad =
        send(
            "POST",
            "/api/v1/success/churn/own-history?churnColumn=gone",
            csv.toString(),
            "text/csv");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("field").asText()).isEqualTo("churnColumn");
  }
}
