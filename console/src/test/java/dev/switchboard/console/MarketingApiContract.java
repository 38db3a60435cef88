package dev.switchboard.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.console.HttpJson.Reply;
import dev.switchboard.store.Database;
import dev.switchboard.store.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The marketing API over real HTTP, once per database kind (see the subclasses). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MarketingApiContract {

  static final String TOKEN = "test-token-" + System.nanoTime();
  private static final AtomicInteger PHONE = new AtomicInteger(20_000_000);
  private static final String M = "/api/v1/marketing";

  private TestDatabase testDb;
  private Database db;
  private ApiServer server;
  HttpJson http;
  HttpJson anonymous;

  abstract TestDatabase newDatabase(Path dir);

  @BeforeAll
  void start() throws Exception {
    Path dir = Files.createTempDirectory("switchboard-marketing-api");
    testDb = newDatabase(dir);
    db = Database.open(testDb.settings());
    server = ApiServer.start("127.0.0.1", 0, db, AdminToken.of(TOKEN));
    http = new HttpJson(server.url(), TOKEN);
    anonymous = new HttpJson(server.url(), null);
  }

  @AfterAll
  void stop() {
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

  private static String phone() {
    return "136" + PHONE.incrementAndGet();
  }

  private JsonNode createLead(String extra) {
    Reply r =
        http.post(
            M + "/leads",
            "{\"name\":\"API Lead\",\"phone\":\""
                + phone()
                + "\",\"channel\":\"website\""
                + extra
                + "}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  @Test
  void leadsAreCreatedNormalisedAndRefusedWithTheFieldNamed() {
    Reply r =
        http.post(
            M + "/leads",
            "{\"name\":\"周杰\",\"phone\":\"+86 135-0000-0001\",\"email\":\"ZHOU@Example.com\","
                + "\"channel\":\"search\",\"company\":\"周氏\",\"seats\":25}");
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.json().get("phone").asText()).isEqualTo("+8613500000001");
    assertThat(r.json().get("email").asText()).isEqualTo("zhou@example.com");
    assertThat(r.json().get("status").asText()).isEqualTo("new");
    assertThat(r.json().get("intent").asText()).isEqualTo("A");
    assertThat(r.raw().headers().firstValue("Location"))
        .hasValue(M + "/leads/" + r.json().get("id"));

    Reply bad =
        http.post(M + "/leads", "{\"name\":\"x\",\"phone\":\"12\",\"channel\":\"website\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("field").asText()).isEqualTo("phone");
    Reply unknown = http.post(M + "/leads", "{\"name\":\"x\",\"fax\":\"1\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("field").asText()).isEqualTo("fax");
    Reply typed = http.post(M + "/leads", "{\"name\":\"x\",\"seats\":\"many\"}");
    assertThat(typed.status()).isEqualTo(400);
    assertThat(typed.json().get("field").asText()).isEqualTo("seats");
    assertThat(http.post(M + "/leads", "not json").status()).isEqualTo(400);
    assertThat(http.get(M + "/leads/999999").status()).isEqualTo(404);
    assertThat(http.get(M + "/leads/abc").json().get("field").asText()).isEqualTo("id");
    assertThat(anonymous.get(M + "/leads").status()).isEqualTo(401);
  }

  @Test
  void statusMovesShowInTheTimelineAndFilters() {
    long id = createLead(",\"createdOn\":\"2026-01-05\"").get("id").asLong();
    Reply moved =
        http.post(
            M + "/leads/" + id + "/status", "{\"status\":\"opportunity\",\"on\":\"2026-01-20\"}");
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(moved.json().get("validOn").asText()).isEqualTo("2026-01-20");
    Reply lost =
        http.post(
            M + "/leads/" + id + "/status",
            "{\"status\":\"lost\",\"on\":\"2026-02-01\",\"lostReason\":\"price\"}");
    assertThat(lost.json().get("status").asText()).isEqualTo("lost");
    http.post(M + "/leads/" + id + "/notes", "{\"body\":\"call back in spring\"}");
    JsonNode t = http.get(M + "/leads/" + id + "/timeline").json();
    List<String> kinds = new ArrayList<>();
    t.get("events").forEach(e -> kinds.add(e.get("kind").asText()));
    assertThat(kinds).containsExactly("created", "opportunity", "lost");
    assertThat(t.get("events").get(2).get("note").asText()).isEqualTo("price");
    assertThat(t.get("notes").get(0).get("body").asText()).isEqualTo("call back in spring");
    Reply bad = http.post(M + "/leads/" + id + "/status", "{\"status\":\"done\"}");
    assertThat(bad.json().get("field").asText()).isEqualTo("status");

    JsonNode page = http.get(M + "/leads?status=lost&from=2026-01-05&to=2026-01-05").json();
    assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(page.get("items").findValuesAsText("id")).contains(Long.toString(id));
    assertThat(http.get(M + "/leads?colour=red").json().get("field").asText()).isEqualTo("colour");
    Reply csv = http.get(M + "/leads?status=lost&format=csv");
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.body().lines().findFirst())
        .hasValue(String.join(",", dev.switchboard.ops.marketing.LeadCsv.EXPORT_COLUMNS));
    assertThat(csv.body()).contains(id + ",API Lead,+86136");
  }

  @Test
  void bulkAssignAndMergeDuplicates() {
    long a = createLead(",\"company\":\"合并 测试 有限公司\"").get("id").asLong();
    long b = createLead(",\"company\":\"合并测试\"").get("id").asLong();
    Reply bulk =
        http.post(
            M + "/leads/bulk",
            "{\"ids\":["
                + a
                + ","
                + b
                + "],\"action\":\"assign\",\"owner\":\"li.na@switchboard.test\"}");
    assertThat(bulk.json().get("changed").asInt()).isEqualTo(2);
    assertThat(http.get(M + "/leads/" + a).json().get("ownerEmail").asText())
        .isEqualTo("li.na@switchboard.test");
    assertThat(http.get(M + "/leads/" + a + "/duplicates").json().findValuesAsText("id"))
        .contains(Long.toString(b));
    assertThat(http.get(M + "/lead-duplicates").json().findValuesAsText("value")).contains("合并测试");
    Reply merged = http.post(M + "/leads/" + a + "/merge", "{\"from\":" + b + "}");
    assertThat(merged.status()).as(merged.body()).isEqualTo(200);
    assertThat(http.get(M + "/leads/" + b).json().get("mergedInto").asLong()).isEqualTo(a);
    assertThat(
            http.get(M + "/leads/" + a + "/timeline").json().get("events").findValuesAsText("kind"))
        .containsExactly("created", "created", "updated", "updated", "merged");
    assertThat(
            http.post(M + "/leads/bulk", "{\"ids\":[" + a + "],\"action\":\"paint\"}")
                .json()
                .get("field")
                .asText())
        .isEqualTo("action");
  }

  @Test
  void campaignWithItsFunnelRetrospectiveAndTheChannelViews() {
    Reply c =
        http.post(
            M + "/campaigns",
            "{\"code\":\"api-salon\",\"name\":\"Salon\",\"channel\":\"industry_salon\","
                + "\"startsOn\":\"2025-06-01\",\"endsOn\":\"2025-06-30\",\"budget\":1000,"
                + "\"actualCost\":\"900.00\",\"leadGoal\":3}");
    assertThat(c.status()).as(c.body()).isEqualTo(201);
    for (int i = 0; i < 3; i++) {
      long id =
          createLead(
                  ",\"campaign\":\"api-salon\",\"channel\":null,\"createdOn\":\"2025-06-0"
                      + (i + 1)
                      + "\"")
              .get("id")
              .asLong();
      if (i == 0) {
        http.post(M + "/leads/" + id + "/status", "{\"status\":\"won\",\"on\":\"2025-06-20\"}");
      }
    }
    JsonNode view = http.get(M + "/campaigns/api-salon").json();
    assertThat(view.get("funnel").get("leads").asInt()).isEqualTo(3);
    assertThat(view.get("funnel").get("won").asInt()).isEqualTo(1);
    assertThat(view.get("funnel").get("costPerLead").decimalValue()).isEqualByComparingTo("300.00");
    assertThat(view.get("funnel").get("costPerWon").decimalValue()).isEqualByComparingTo("900.00");
    Reply retro =
        http.send(
            "PUT",
            M + "/campaigns/api-salon/retrospective",
            "{\"worked\":\"owners came\",\"change\":\"smaller room\"}",
            "application/json",
            TOKEN);
    assertThat(retro.json().get("retrospective").get("worked").asText()).isEqualTo("owners came");
    assertThat(
            http.post(
                    M + "/campaigns",
                    "{\"code\":\"api-salon\",\"name\":\"x\",\"channel\":\"website\",\"startsOn\":\"2025-01-01\",\"endsOn\":\"2025-01-02\"}")
                .status())
        .isEqualTo(409);
    assertThat(
            http.post(
                    M + "/campaigns",
                    "{\"code\":\"bad-dates\",\"name\":\"x\",\"channel\":\"website\",\"startsOn\":\"2025-02-01\",\"endsOn\":\"2025-01-02\"}")
                .json()
                .get("field")
                .asText())
        .isEqualTo("endsOn");

    JsonNode funnel = http.get(M + "/funnel?from=2025-06-01&to=2025-06-30").json();
    JsonNode salon = null;
    for (JsonNode row : funnel.get("rows")) {
      if (row.get("key").asText().equals("industry_salon")) {
        salon = row;
      }
    }
    assertThat(salon).isNotNull();
    assertThat(salon.get("leads").asInt()).isEqualTo(3);
    assertThat(salon.get("cost").decimalValue()).isEqualByComparingTo("900.00");
    assertThat(http.get(M + "/funnel?by=campaign&from=2025-06-01&to=2025-06-30&format=csv").body())
        .contains("api-salon,3,1,1,1,1,");
    JsonNode ranking = http.get(M + "/channel-ranking?from=2025-06-01&to=2025-06-30").json();
    assertThat(ranking.get("channels").get(0).get("channel").asText()).isEqualTo("industry_salon");
    assertThat(ranking.get("channels").get(0).get("advice").asText()).isIn("grow", "keep");
    assertThat(http.get(M + "/funnel?from=2025-07-01&to=2025-06-01").json().get("field").asText())
        .isEqualTo("from");
    assertThat(http.get(M + "/channels?format=csv").body())
        .contains("trade_show,Trade show,offline");
  }

  @Test
  void csvImportIsAllOrNothingWithALineReport() {
    String bad =
        "name,phone,email,channel,created_on\n"
            + "好的,13700000001,,website,2026-01-02\n"
            + "坏的,12,,website,2026-01-02\n"
            + "无渠道,13700000003,,,2026-01-02\n";
    JsonNode job = poll(http.send("POST", M + "/lead-imports", bad, "text/csv", TOKEN).json());
    assertThat(job.get("state").asText()).isEqualTo("rejected");
    assertThat(job.get("report").get("imported").asInt()).isZero();
    assertThat(job.get("report").get("errors").findValuesAsText("line")).containsExactly("3", "4");
    assertThat(job.get("report").get("errors").findValuesAsText("field"))
        .containsExactly("phone", "channel");
    assertThat(http.get(M + "/leads?q=13700000001").json().get("total").asInt()).isZero();

    String good =
        "name,phone,email,channel,created_on\n"
            + "甲,13700000011,,website,2026-01-02\n"
            + "乙,,yi@example.com,search,2026-01-03\n";
    JsonNode done = poll(http.send("POST", M + "/lead-imports", good, "text/csv", TOKEN).json());
    assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("done");
    assertThat(done.get("report").get("imported").asInt()).isEqualTo(2);
    assertThat(http.get(M + "/leads?q=yi@example.com").json().get("total").asInt()).isEqualTo(1);
  }

  private JsonNode poll(JsonNode job) {
    String id = job.get("id").asText();
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              last[0] = http.get(M + "/lead-imports/" + id).json();
              return !last[0].get("state").asText().equals("running");
            });
    return last[0];
  }

  @Test
  void competitorsPersonasAndContent() {
    Reply c =
        http.post(
            M + "/competitors",
            "{\"name\":\"Paper and calculator\",\"kind\":\"manual\",\"pricing\":\"free\"}");
    assertThat(c.status()).isEqualTo(201);
    long id = c.json().get("id").asLong();
    Reply faq =
        http.post(
            M + "/competitors/" + id + "/faq",
            "{\"question\":\"Paper costs nothing\",\"answer\":\"Missed calls cost more\"}");
    assertThat(faq.json().get("faq").get(0).get("answer").asText())
        .isEqualTo("Missed calls cost more");
    assertThat(
            http.post(M + "/competitors", "{\"name\":\"x\",\"kind\":\"fax\"}")
                .json()
                .get("field")
                .asText())
        .isEqualTo("kind");
    assertThat(
            http.post(
                    M + "/personas",
                    "{\"code\":\"owner\",\"name\":\"Shop owner\",\"concerns\":\"price\"}")
                .status())
        .isEqualTo(201);
    Reply item =
        http.post(
            M + "/content",
            "{\"kind\":\"case_study\",\"title\":\"How a clinic stopped missing calls\","
                + "\"funnelStage\":\"opportunity\",\"persona\":\"owner\"}");
    assertThat(item.status()).as(item.body()).isEqualTo(201);
    assertThat(
            http.get(M + "/content?stage=opportunity&persona=owner")
                .json()
                .findValuesAsText("title"))
        .containsExactly("How a clinic stopped missing calls");
    assertThat(
            http.post(
                    M + "/content",
                    "{\"kind\":\"case_study\",\"title\":\"x\",\"persona\":\"nobody\"}")
                .status())
        .isEqualTo(404);
    assertThat(http.delete(M + "/competitors/" + id).status()).isEqualTo(204);
    assertThat(http.get(M + "/competitors/" + id).status()).isEqualTo(404);
  }

  @Test
  void publicTrialSignUpWithAttributionSpamGuardAndRateLimit() throws Exception {
    http.post(
        M + "/campaigns",
        "{\"code\":\"spring-search\",\"name\":\"Spring search\",\"channel\":\"search\","
            + "\"startsOn\":\"2026-03-01\",\"endsOn\":\"2026-04-30\"}");
    String token = anonymous.get("/api/public/trial/token").json().get("token").asText();
    String form =
        "{\"name\":\"试用者\",\"phone\":\"13900001111\",\"company\":\"试用公司\","
            + "\"utmSource\":\"baidu\",\"utmCampaign\":\"spring-search\",\"token\":\"%s\",\"website\":\"%s\"}";
    Reply quick = anonymous.post("/api/public/trial", String.format(form, token, ""));
    assertThat(quick.status()).isEqualTo(400);
    assertThat(quick.json().get("field").asText()).isEqualTo("token");
    Thread.sleep(3_100); // the guard wants a form to take at least 3 s to fill in
    Reply bot = anonymous.post("/api/public/trial", String.format(form, token, "http://spam"));
    assertThat(bot.json().get("field").asText()).isEqualTo("website");
    Reply forged = anonymous.post("/api/public/trial", String.format(form, "1.abc", ""));
    assertThat(forged.json().get("field").asText()).isEqualTo("token");

    Reply ok = anonymous.post("/api/public/trial", String.format(form, token, ""));
    assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    JsonNode lead = http.get(M + "/leads?q=13900001111").json().get("items").get(0);
    assertThat(lead.get("channel").asText()).isEqualTo("search");
    assertThat(lead.get("campaign").asText()).isEqualTo("spring-search");

    Reply again = anonymous.post("/api/public/trial", String.format(form, token, ""));
    assertThat(again.status()).isEqualTo(201);
    assertThat(http.get(M + "/leads?q=13900001111").json().get("total").asInt()).isEqualTo(1);

    String referred =
        "{\"name\":\"朋友\",\"email\":\"friend@example.com\",\"company\":\"朋友公司\","
            + "\"referralCode\":\"acme.customers.switchboard.test\",\"token\":\""
            + token
            + "\"}";
    assertThat(anonymous.post("/api/public/trial", referred).status()).isEqualTo(201);
    JsonNode friend = http.get(M + "/leads?q=friend@example.com").json().get("items").get(0);
    assertThat(friend.get("channel").asText()).isEqualTo("referral");
    assertThat(friend.get("referralCode").asText()).isEqualTo("acme.customers.switchboard.test");

    Reply noContact =
        anonymous.post(
            "/api/public/trial", "{\"name\":\"x\",\"company\":\"y\",\"token\":\"" + token + "\"}");
    assertThat(noContact.status()).isEqualTo(400);
    assertThat(noContact.json().get("field").asText()).isEqualTo("phone");
    // Four sign-ups from this address so far; the fifth passes, the sixth is refused.
    assertThat(
            anonymous
                .post(
                    "/api/public/trial",
                    "{\"name\":\"x\",\"company\":\"y\",\"email\":\"five@example.com\",\"token\":\""
                        + token
                        + "\"}")
                .status())
        .isEqualTo(201);
    Reply limited =
        anonymous.post(
            "/api/public/trial",
            "{\"name\":\"x\",\"company\":\"y\",\"email\":\"six@example.com\",\"token\":\""
                + token
                + "\"}");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().get("error").asText()).contains("too many");
  }
}
