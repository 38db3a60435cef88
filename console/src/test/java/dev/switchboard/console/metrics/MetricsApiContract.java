package dev.switchboard.console.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.console.AdminToken;
import dev.switchboard.console.ApiServer;
import dev.switchboard.console.ServerTeardown;
import dev.switchboard.store.Database;
import dev.switchboard.store.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The metrics API over real HTTP on the {@link MetricsStory}, once per database kind. Figures are
 * worked out by hand: acme pays 416.67 a month from March 2022 to February 2025; beta 166.67 from
 * January 2024, 333.33 from June 2024.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MetricsApiContract {

  private static final String TOKEN = "metrics-token-" + System.nanoTime();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Path dir;
  private TestDatabase testDb;
  private Database db;
  private ApiServer server;
  private final HttpClient client = HttpClient.newHttpClient();

  abstract TestDatabase newDatabase(Path dir);

  @BeforeAll
  void start() throws IOException {
    dir = Files.createTempDirectory("switchboard-metrics");
    testDb = newDatabase(dir);
    db = Database.open(testDb.settings());
    MetricsStory.seed(db);
    server = ApiServer.start("127.0.0.1", 0, db, AdminToken.of(TOKEN));
  }

  @AfterAll
  void stop() throws Exception {
    ServerTeardown.stop(server, db, testDb, dir);
  }

  private record Reply(int status, JsonNode json) {}

  private Reply get(String path) {
    try {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create(server.url() + path))
                  .header("Authorization", "Bearer " + TOKEN)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), MAPPER.readTree(r.body()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private JsonNode ok(String path) {
    Reply r = get(path);
    assertThat(r.status()).as(path + " → " + r.json()).isEqualTo(200);
    return r.json();
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get(field).asText()));
    return out;
  }

  @Test
  void summaryOnTheAsOfDay() {
    JsonNode s = ok("/api/v1/metrics/summary?asOf=2025-06-30");
    assertThat(s.get("asOf").asText()).isEqualTo("2025-06-30");
    assertThat(s.get("date").asText()).isEqualTo("2025-06-30");
    assertThat(s.get("from").asText()).isEqualTo("2024-07");
    assertThat(s.get("mrr").decimalValue()).isEqualByComparingTo("333.33");
    // ARR is MRR × 12: billing's MRR is already rounded to the cent.
    assertThat(s.get("arr").decimalValue()).isEqualByComparingTo("3999.96");
    assertThat(s.get("customers").asInt()).isEqualTo(1);
    // Opening 2024-06-30: acme 416.67 + beta 333.33 = 750; only beta's 333.33 is left.
    assertThat(s.get("nrrPercent").decimalValue()).isEqualByComparingTo("44.44");
    assertThat(s.get("grrPercent").decimalValue()).isEqualByComparingTo("44.44");
    // One churned of 2 × 9 + 1 × 3 customer-months; 416.67 of 9 × 750 + 3 × 333.33.
    assertThat(s.get("logoChurnPercent").decimalValue()).isEqualByComparingTo("4.76");
    assertThat(s.get("revenueChurnPercent").decimalValue()).isEqualByComparingTo("5.38");
    assertThat(s.get("renewalPercent").decimalValue()).isEqualByComparingTo("50.00");
    // 333.33 × 0.8 ÷ (416.67 / 7749.99); nobody was acquired in the window, so no CAC.
    assertThat(s.get("predictiveLtv").decimalValue()).isEqualByComparingTo("4959.90");
    assertThat(s.get("cac").isNull()).isTrue();
    assertThat(s.get("ltvToCac").isNull()).isTrue();
  }

  @Test
  void mrrMonthsWithMovementsAndGroups() {
    JsonNode r = ok("/api/v1/metrics/mrr?asOf=2025-06-30&from=2024-01&to=2025-06&groupBy=channel");
    assertThat(r.get("groupBy").asText()).isEqualTo("channel");
    JsonNode months = r.get("months");
    assertThat(months).hasSize(18);
    assertThat(months.get(0).get("date").asText()).isEqualTo("2024-01-31");
    assertThat(months.get(0).get("newMrr").decimalValue()).isEqualByComparingTo("166.67");
    assertThat(months.get(0).get("mrr").decimalValue()).isEqualByComparingTo("583.34");
    assertThat(months.get(5).get("expansionMrr").decimalValue()).isEqualByComparingTo("166.66");
    assertThat(months.get(12).get("netNewMrr").decimalValue()).as("beta renews").isZero();
    assertThat(months.get(14).get("month").asText()).isEqualTo("2025-03");
    assertThat(months.get(14).get("churnMrr").decimalValue()).isEqualByComparingTo("-416.67");
    assertThat(texts(r.get("groups"), "group")).containsExactly("search", "trade_show");
    assertThat(r.get("groups").get(1).get("months").get(17).get("mrr").decimalValue())
        .isEqualByComparingTo("333.33");
  }

  @Test
  void retentionCohortsAndUnitEconomics() {
    JsonNode r = ok("/api/v1/metrics/retention?asOf=2025-06-30&from=2023-01&to=2025-06");
    assertThat(r.get("retention").get("termsEnded").asInt()).isEqualTo(4);
    assertThat(r.get("retention").get("termsRenewed").asInt()).isEqualTo(3);

    JsonNode c = ok("/api/v1/metrics/cohorts?asOf=2025-06-30&from=2022-03&to=2024-01");
    JsonNode rows = c.get("rows");
    assertThat(rows).hasSize(23);
    assertThat(rows.get(0).get("customers").asInt()).isEqualTo(1);
    assertThat(rows.get(0).get("cells").get(35).get("customers").asInt()).isEqualTo(1);
    assertThat(rows.get(0).get("cells").get(36).get("customersPercent").decimalValue()).isZero();
    JsonNode beta = rows.get(22);
    assertThat(beta.get("startMrr").decimalValue()).isEqualByComparingTo("166.67");
    // 333.33 / 166.67
    assertThat(beta.get("cells").get(5).get("mrrPercent").decimalValue())
        .isEqualByComparingTo("199.99");

    JsonNode u =
        ok("/api/v1/metrics/unit-economics?asOf=2025-06-30&from=2024-01&to=2024-12&groupBy=tier");
    JsonNode all = u.get("unitEconomics");
    assertThat(all.get("acquiredCustomers").asInt()).isEqualTo(1);
    assertThat(all.get("cac").decimalValue()).isEqualByComparingTo("400.00");
    // 400 ÷ (166.67 × 0.8)
    assertThat(all.get("cacPaybackMonths").decimalValue()).isEqualByComparingTo("3.0");
    assertThat(texts(u.get("groups"), "group")).containsExactly("standard", "vip");
  }

  @Test
  void yieldPerCustomerAndChannel() {
    JsonNode page = ok("/api/v1/metrics/yield/customers?asOf=2025-06-30");
    assertThat(page.get("total").asInt()).isEqualTo(2);
    JsonNode acme = page.get("customers").get(0);
    assertThat(acme.get("name").asText()).isEqualTo("海川贸易");
    assertThat(acme.get("lifetimeRevenue").decimalValue()).isEqualByComparingTo("18000.00");
    assertThat(acme.get("ratio").decimalValue()).isEqualByComparingTo("171.4");
    JsonNode groups = ok("/api/v1/metrics/yield/groups?asOf=2025-06-30&groupBy=channel");
    assertThat(texts(groups.get("groups"), "group")).containsExactly("search", "trade_show");
    assertThat(groups.get("groups").get(0).get("ratio").decimalValue())
        .isEqualByComparingTo("171.4");
    JsonNode earlier = ok("/api/v1/metrics/yield/customers?asOf=2024-03-03&limit=1");
    assertThat(earlier.get("asOf").asText()).isEqualTo("2024-03-03");
    assertThat(earlier.get("customers")).hasSize(1);
    assertThat(earlier.get("customers").get(0).get("lifetimeRevenue").decimalValue())
        .isEqualByComparingTo("13000.00");
  }

  @Test
  void badParametersAreA400NamingTheField() {
    assertThat(get("/api/v1/metrics/mrr?asOf=2025-13-01").json().get("field").asText())
        .isEqualTo("asOf");
    assertThat(get("/api/v1/metrics/mrr?asOf=2999-01-01").status()).isEqualTo(400);
    assertThat(get("/api/v1/metrics/mrr?asOf=2025-06-30&to=2025-07").json().get("field").asText())
        .isEqualTo("to");
    assertThat(get("/api/v1/metrics/mrr?from=2025-06&to=2025-01&asOf=2025-06-30").status())
        .isEqualTo(400);
    assertThat(get("/api/v1/metrics/mrr?groupBy=planet").json().get("field").asText())
        .isEqualTo("groupBy");
    assertThat(get("/api/v1/metrics/mrr?colour=red").status()).isEqualTo(400);
    assertThat(get("/api/v1/metrics/summary?grossMargin=1.5").json().get("field").asText())
        .isEqualTo("grossMargin");
    assertThat(get("/api/v1/metrics/yield/groups").json().get("field").asText())
        .isEqualTo("groupBy");
    assertThat(get("/api/v1/metrics/yield/customers?limit=0").status()).isEqualTo(400);
    assertThat(get("/api/v1/metrics/mrr?from=2000-01&to=2025-06&asOf=2025-06-30").status())
        .isEqualTo(400);
  }
}
