package dev.switchboard.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.console.HttpJson.Reply;
import dev.switchboard.store.Database;
import dev.switchboard.store.account.AccountRepository;
import dev.switchboard.store.account.DigestHa1;
import dev.switchboard.store.account.SipCredential;
import dev.switchboard.store.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every route and every error path of the API over real HTTP on 127.0.0.1, once per database kind
 * (see the subclasses). One server per class; each test works in its own tenant domain.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiContract {

  static final String TOKEN = "test-token-" + System.nanoTime();
  private static final AtomicInteger SEQ = new AtomicInteger();

  private Path dir;
  private TestDatabase testDb;
  private Database db;
  private ApiServer server;
  HttpJson http;
  AccountRepository accounts;

  abstract TestDatabase newDatabase(Path dir);

  @BeforeAll
  void startServer() throws Exception {
    dir = Files.createTempDirectory("switchboard-api");
    testDb = newDatabase(dir);
    db = Database.open(testDb.settings());
    accounts = new AccountRepository(db.jdbi());
    server = ApiServer.start("127.0.0.1", 0, db, AdminToken.of(TOKEN));
    http = new HttpJson(server.url(), TOKEN);
  }

  @AfterAll
  void stopServer() throws Exception {
    ServerTeardown.stop(server, db, testDb, dir);
  }

  /** Creates a tenant "Acme" under a fresh domain through the API and returns the domain. */
  static String newTenant(HttpJson http) {
    String d = uniqueDomain();
    assertThat(
            http.post("/api/v1/tenants", "{\"name\":\"Acme\",\"domain\":\"" + d + "\"}").status())
        .isEqualTo(201);
    return d;
  }

  static String uniqueDomain() {
    return "t" + SEQ.incrementAndGet() + "-" + Long.toString(System.nanoTime(), 36) + ".test";
  }

  String newTenant() {
    return newTenant(http);
  }

  static void assertError(Reply r, int status, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/json");
    assertThat(r.json()).as(r.body()).isNotNull();
    assertThat(r.json().path("error").isTextual()).as(r.body()).isTrue();
    assertThat(r.json().has("field")).as(r.body()).isTrue();
    if (field == null) {
      assertThat(r.json().get("field").isNull()).as(r.body()).isTrue();
    } else {
      assertThat(r.json().get("field").asText()).as(r.body()).isEqualTo(field);
    }
    assertThat(r.body())
        .doesNotContain("<html")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  // ---- health, docs, auth, unknown routes

  @Test
  void healthNeedsNoToken() {
    Reply r = http.send("GET", "/health", null, null, null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("status").asText()).isEqualTo("ok");
  }

  @Test
  void openApiNeedsNoToken() {
    Reply r = http.send("GET", "/api/openapi.json", null, null, null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("openapi").asText()).startsWith("3.");
  }

  @Test
  void missingOrWrongTokenIs401() {
    assertError(http.send("GET", "/api/v1/tenants", null, null, null), 401, null);
    assertError(http.send("GET", "/api/v1/tenants", null, null, "wrong"), 401, null);
    Reply r = http.send("POST", "/api/v1/tenants", "{}", "application/json", "wrong");
    assertError(r, 401, null);
    assertThat(r.raw().headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
  }

  @Test
  void unknownRoutesAndMethodsAreJson() {
    assertError(http.get("/api/v1/nothing-here"), 404, null);
    // Outside the API a browser gets a plain page, still without any detail of the server.
    Reply page = http.send("GET", "/nothing", null, null, null);
    assertThat(page.status()).isEqualTo(404);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.body())
        .contains("404 Not found")
        .doesNotContain("Exception")
        .doesNotContain("at ");
    assertError(http.send("PUT", "/api/v1/tenants", "{}", "application/json", TOKEN), 405, null);
  }

  // ---- tenants

  @Test
  void createTenantReturns201WithTheTenant() {
    String d = uniqueDomain();
    Reply r =
        http.post(
            "/api/v1/tenants",
            "{\"name\":\"Acme\",\"domain\":\""
                + d.toUpperCase()
                + "\",\"industry\":\"dental\","
                + "\"timeZone\":\"Europe/Berlin\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().get("domain").asText()).isEqualTo(d);
    assertThat(r.json().get("name").asText()).isEqualTo("Acme");
    assertThat(r.json().get("status").asText()).isEqualTo("trial");
    assertThat(r.json().get("industry").asText()).isEqualTo("dental");
    assertThat(r.json().get("timeZone").asText()).isEqualTo("Europe/Berlin");
    assertThat(r.json().get("createdAt").asText()).endsWith("Z");
    assertThat(r.raw().headers().firstValue("Location")).hasValue("/api/v1/tenants/" + d);
  }

  @Test
  void duplicateDomainIs409() {
    String d = newTenant();
    assertError(
        http.post("/api/v1/tenants", "{\"name\":\"Again\",\"domain\":\"" + d + "\"}"),
        409,
        "domain");
  }

  @Test
  void badTenantInputIs400NamingTheField() {
    assertError(
        http.post("/api/v1/tenants", "{\"name\":\"A\",\"domain\":\"not a host\"}"), 400, "domain");
    assertError(
        http.post("/api/v1/tenants", "{\"domain\":\"" + uniqueDomain() + "\"}"), 400, "name");
    assertError(http.post("/api/v1/tenants", "{\"name\":\"A\"}"), 400, "domain");
    assertError(
        http.post(
            "/api/v1/tenants",
            "{\"name\":\"A\",\"domain\":\"" + uniqueDomain() + "\",\"status\":\"gold\"}"),
        400,
        "status");
    assertError(
        http.post(
            "/api/v1/tenants",
            "{\"name\":\"A\",\"domain\":\"" + uniqueDomain() + "\",\"timeZone\":\"Mars/Base\"}"),
        400,
        "timeZone");
    assertError(
        http.post(
            "/api/v1/tenants",
            "{\"name\":\"A\",\"domain\":\"" + uniqueDomain() + "\",\"colour\":1}"),
        400,
        "colour");
    assertError(http.post("/api/v1/tenants", "{\"name\":42,\"domain\":\"x.test\"}"), 400, "name");
    assertError(http.post("/api/v1/tenants", "{\"name\":"), 400, null);
    assertError(http.post("/api/v1/tenants", "[1,2]"), 400, null);
    assertError(http.post("/api/v1/tenants", ""), 400, null);
  }

  @Test
  void listAndGetTenants() {
    String d = newTenant();
    Reply list = http.get("/api/v1/tenants");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().isArray()).isTrue();
    assertThat(list.json().findValuesAsText("domain")).contains(d);
    Reply one = http.get("/api/v1/tenants/" + d.toUpperCase());
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().get("domain").asText()).isEqualTo(d);
    assertError(http.get("/api/v1/tenants/" + uniqueDomain()), 404, "domain");
  }

  @Test
  void patchTenant() {
    String d = newTenant();
    Reply r =
        http.patch(
            "/api/v1/tenants/" + d,
            "{\"status\":\"active\",\"name\":\"Acme Ltd\",\"industry\":\"retail\",\"timeZone\":\"Asia/Shanghai\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("status").asText()).isEqualTo("active");
    assertThat(r.json().get("name").asText()).isEqualTo("Acme Ltd");
    assertThat(r.json().get("industry").asText()).isEqualTo("retail");
    assertThat(r.json().get("timeZone").asText()).isEqualTo("Asia/Shanghai");
    assertThat(r.json().get("routingMode").asText()).isEqualTo("proxy");
    r = http.patch("/api/v1/tenants/" + d, "{\"routingMode\":\"redirect\"}");
    assertThat(r.json().get("routingMode").asText()).isEqualTo("redirect");
    assertThat(http.get("/api/v1/tenants/" + d).json().get("routingMode").asText())
        .isEqualTo("redirect");
    assertError(
        http.patch("/api/v1/tenants/" + d, "{\"routingMode\":\"fork\"}"), 400, "routingMode");
    r = http.patch("/api/v1/tenants/" + d, "{\"industry\":null}");
    assertThat(r.json().get("industry").isNull()).isTrue();
    assertThat(http.get("/api/v1/tenants/" + d).json().get("status").asText()).isEqualTo("active");
    assertError(http.patch("/api/v1/tenants/" + d, "{\"status\":\"gold\"}"), 400, "status");
    assertError(http.patch("/api/v1/tenants/" + d, "{\"domain\":\"x.test\"}"), 400, "domain");
    assertError(http.patch("/api/v1/tenants/" + d, "{\"name\":\"\"}"), 400, "name");
    assertError(http.patch("/api/v1/tenants/" + d, "nope"), 400, null);
    assertError(http.patch("/api/v1/tenants/" + uniqueDomain(), "{\"name\":\"x\"}"), 404, "domain");
  }

  @Test
  void deleteTenantRemovesItsAccounts() {
    String d = newTenant();
    http.post("/api/v1/tenants/" + d + "/accounts", "{\"user\":\"1001\",\"password\":\"pw\"}");
    assertThat(http.delete("/api/v1/tenants/" + d).status()).isEqualTo(204);
    assertError(http.get("/api/v1/tenants/" + d), 404, "domain");
    assertError(http.delete("/api/v1/tenants/" + d), 404, "domain");
    assertThat(accounts.lookup(d, "1001")).isEmpty();
  }

  // ---- accounts

  /** The code of {@code feature} in a feature-code listing. */
  private static String code(JsonNode listing, String feature) {
    for (JsonNode item : listing.get("items")) {
      if (item.get("feature").asText().equals(feature)) {
        return item.get("code").asText();
      }
    }
    throw new AssertionError("no " + feature + " in " + listing);
  }

  @Test
  void featureCodesListWithDefaultsAndChangeDurably() {
    String d = newTenant();
    String path = "/api/v1/tenants/" + d + "/feature-codes";
    Reply listed = http.get(path);
    assertThat(listed.status()).as(listed.body()).isEqualTo(200);
    assertThat(listed.json().get("items")).hasSize(11);
    assertThat(code(listed.json(), "dnd_on")).isEqualTo("*78");
    assertThat(code(listed.json(), "pickup")).isEqualTo("*8");
    JsonNode forward = listed.json().get("items").get(3);
    assertThat(forward.get("feature").asText()).isEqualTo("forward_always_on");
    assertThat(forward.get("takesNumber").asBoolean()).isTrue();

    Reply changed = http.patch(path, "{\"dnd_on\":\"*11\",\"dnd_off\":\" *12 \"}");
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(code(changed.json(), "dnd_on")).isEqualTo("*11");
    assertThat(code(changed.json(), "dnd_off")).isEqualTo("*12");
    assertThat(code(changed.json(), "voicemail")).isEqualTo("*97"); // not named: kept
    assertThat(code(http.get(path).json(), "dnd_on")).isEqualTo("*11");

    Reply restored = http.patch(path, "{\"dnd_on\":null}");
    assertThat(code(restored.json(), "dnd_on")).isEqualTo("*78");
    assertThat(code(restored.json(), "dnd_off")).isEqualTo("*12");
  }

  @Test
  void badFeatureCodesAre400AndChangeNothing() {
    String d = newTenant();
    String path = "/api/v1/tenants/" + d + "/feature-codes";
    assertError(http.patch(path, "{\"dnd_on\":\"*8\"}"), 400, "featureCodes"); // pickup's
    assertError(http.patch(path, "{\"dnd_on\":\"78a\"}"), 400, "featureCodes");
    assertError(http.patch(path, "{\"dnd_on\":\"\"}"), 400, "featureCodes");
    assertError(http.patch(path, "{\"dnd_on\":78}"), 400, "dnd_on");
    assertError(http.patch(path, "{\"park\":\"*70\"}"), 400, "park");
    assertError(http.patch(path, "nope"), 400, null);
    assertThat(code(http.get(path).json(), "dnd_on")).isEqualTo("*78");
    assertError(http.get("/api/v1/tenants/" + uniqueDomain() + "/feature-codes"), 404, "domain");
    assertError(
        http.patch("/api/v1/tenants/" + uniqueDomain() + "/feature-codes", "{}"), 404, "domain");
  }

  @Test
  void createAccountNeverEchoesSecrets() {
    String d = newTenant();
    Reply r =
        http.post(
            "/api/v1/tenants/" + d + "/accounts",
            "{\"user\":\"1001\",\"password\":\"s3cret\",\"displayName\":\"Front desk\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().get("user").asText()).isEqualTo("1001");
    assertThat(r.json().get("displayName").asText()).isEqualTo("Front desk");
    assertThat(r.json().get("enabled").asBoolean()).isTrue();
    assertThat(r.json().get("options").get("noAnswerSeconds").asInt()).isEqualTo(20);
    DigestHa1 ha1 = DigestHa1.of("1001", d, "s3cret");
    assertThat(r.body())
        .doesNotContain("s3cret")
        .doesNotContain(ha1.md5())
        .doesNotContain(ha1.sha256());
    assertThat(r.body()).doesNotContainIgnoringCase("password").doesNotContainIgnoringCase("ha1");
    SipCredential c = accounts.lookup(d, "1001").orElseThrow();
    assertThat(c.ha1Md5()).isEqualTo(ha1.md5());
    assertThat(c.ha1Sha256()).isEqualTo(ha1.sha256());
    Reply all = http.get("/api/v1/tenants/" + d + "/accounts");
    assertThat(all.body()).doesNotContain("s3cret").doesNotContain(ha1.md5());
  }

  @Test
  void accountErrors() {
    String d = newTenant();
    String path = "/api/v1/tenants/" + d + "/accounts";
    http.post(path, "{\"user\":\"1001\",\"password\":\"pw\"}");
    assertError(http.post(path, "{\"user\":\"1001\",\"password\":\"pw\"}"), 409, "user");
    assertError(http.post(path, "{\"user\":\"bad user\",\"password\":\"pw\"}"), 400, "user");
    assertError(http.post(path, "{\"user\":\"1002\"}"), 400, "password");
    assertError(http.post(path, "{\"user\":\"1002\",\"password\":\"\"}"), 400, "password");
    assertError(http.post(path, "{\"password\":\"pw\"}"), 400, "user");
    assertError(
        http.post(path, "{\"user\":\"1002\",\"password\":\"pw\",\"enabled\":\"yes\"}"),
        400,
        "enabled");
    assertError(
        http.post(
            path,
            "{\"user\":\"1002\",\"password\":\"pw\",\"options\":{\"forwardBusy\":\"mailto:x\"}}"),
        400,
        "options.forwardBusy");
    assertError(
        http.post(path, "{\"user\":\"1002\",\"password\":\"pw\",\"options\":{\"colour\":1}}"),
        400,
        "options.colour");
    assertError(http.post(path, "{\"user\":"), 400, null);
    String other = "/api/v1/tenants/" + uniqueDomain() + "/accounts";
    assertError(http.post(other, "{\"user\":\"1001\",\"password\":\"pw\"}"), 404, "domain");
    assertError(http.get(other), 404, "domain");
    assertError(http.get(path + "/9999"), 404, "user");
    assertError(http.patch(path + "/9999", "{\"enabled\":false}"), 404, "user");
    assertError(http.delete(path + "/9999"), 404, "user");
  }

  @Test
  void listGetPatchDeleteAccounts() {
    String d = newTenant();
    String path = "/api/v1/tenants/" + d + "/accounts";
    http.post(path, "{\"user\":\"1002\",\"password\":\"pw\"}");
    http.post(path, "{\"user\":\"1001\",\"password\":\"pw\",\"displayName\":\"Desk\"}");
    Reply list = http.get(path);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().findValuesAsText("user")).containsExactly("1001", "1002");
    assertThat(http.get(path + "/1001").json().get("displayName").asText()).isEqualTo("Desk");

    String oldMd5 = accounts.lookup(d, "1001").orElseThrow().ha1Md5();
    Reply p =
        http.patch(
            path + "/1001",
            "{\"displayName\":\"Reception\",\"enabled\":false,\"password\":\"n3w\","
                + "\"options\":{\"voicemail\":true,\"forwardNoAnswer\":\"sip:1002@"
                + d
                + "\",\"noAnswerSeconds\":15}}");
    assertThat(p.status()).as(p.body()).isEqualTo(200);
    JsonNode a = p.json();
    assertThat(a.get("displayName").asText()).isEqualTo("Reception");
    assertThat(a.get("enabled").asBoolean()).isFalse();
    assertThat(a.get("options").get("voicemail").asBoolean()).isTrue();
    assertThat(a.get("options").get("forwardNoAnswer").asText()).isEqualTo("sip:1002@" + d);
    assertThat(a.get("options").get("noAnswerSeconds").asInt()).isEqualTo(15);
    assertThat(p.body()).doesNotContain("n3w");
    SipCredential c = accounts.lookup(d, "1001").orElseThrow();
    assertThat(c.ha1Md5()).isNotEqualTo(oldMd5).isEqualTo(DigestHa1.of("1001", d, "n3w").md5());
    assertThat(c.accountEnabled()).isFalse();

    Reply partial = http.patch(path + "/1001", "{\"options\":{\"forwardNoAnswer\":null}}");
    assertThat(partial.json().get("options").get("voicemail").asBoolean()).isTrue();
    assertThat(partial.json().get("options").get("forwardNoAnswer").isNull()).isTrue();
    assertError(
        http.patch(path + "/1001", "{\"options\":{\"noAnswerSeconds\":1}}"),
        400,
        "options.noAnswerSeconds");

    // The PBX's call handling: unregistered forwarding, DND and follow-me, kept by later patches.
    Reply pbx =
        http.patch(
            path + "/1001",
            "{\"options\":{\"forwardUnregistered\":\"1002\",\"doNotDisturb\":true,"
                + "\"followMe\":[{\"destination\":\"+8613800000000\",\"ringSeconds\":20}]}}");
    assertThat(pbx.status()).as(pbx.body()).isEqualTo(200);
    Reply kept = http.patch(path + "/1001", "{\"options\":{\"voicemail\":false}}");
    JsonNode o = kept.json().get("options");
    assertThat(o.get("forwardUnregistered").asText()).isEqualTo("1002");
    assertThat(o.get("doNotDisturb").asBoolean()).isTrue();
    assertThat(o.get("followMe").get(0).get("destination").asText()).isEqualTo("+8613800000000");
    assertThat(o.get("followMe").get(0).get("ringSeconds").asInt()).isEqualTo(20);
    assertError(
        http.patch(path + "/1001", "{\"options\":{\"followMe\":[{\"destination\":\"1002\"}]}}"),
        400,
        "options.followMe[0].ringSeconds");
    assertError(
        http.patch(path + "/1001", "{\"options\":{\"followMe\":\"1002\"}}"),
        400,
        "options.followMe");
    assertError(http.patch(path + "/1001", "{\"password\":\"\"}"), 400, "password");
    assertError(http.patch(path + "/1001", "{\"user\":\"x\"}"), 400, "user");

    assertThat(http.delete(path + "/1001").status()).isEqualTo(204);
    assertError(http.get(path + "/1001"), 404, "user");
    assertThat(http.get(path).json().findValuesAsText("user")).containsExactly("1002");
  }

  // ---- import

  @Test
  void importCsvSynchronously() {
    String d = newTenant();
    http.post("/api/v1/tenants/" + d + "/accounts", "{\"user\":\"1000\",\"password\":\"pw\"}");
    String csv =
        "user,password,displayName\n1001,a,One\n1002,b,Two\nbad user,c,x\n1001,d,again\n1000,e,old\n";
    Reply r =
        http.send("POST", "/api/v1/tenants/" + d + "/accounts/import", csv, "text/csv", TOKEN);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("imported").asInt()).isEqualTo(2);
    assertThat(r.json().get("rejected").findValuesAsText("reason")).hasSize(3);
    assertThat(r.json().get("rejected").get(0).get("line").asInt()).isEqualTo(4);
    assertThat(r.body()).doesNotContain(",a,").doesNotContain("\"b\"");
    assertThat(http.get("/api/v1/tenants/" + d + "/accounts").json().size()).isEqualTo(3);
  }

  @Test
  void importCsvInTheBackgroundWithProgress() {
    String d = newTenant();
    StringBuilder csv = new StringBuilder("user,password\n");
    for (int i = 0; i < 2_500; i++) {
      csv.append(3000 + i).append(",pw").append(i).append('\n');
    }
    Reply r =
        http.send(
            "POST",
            "/api/v1/tenants/" + d + "/accounts/import?async=true",
            csv.toString(),
            "text/csv",
            TOKEN);
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    String location = r.raw().headers().firstValue("Location").orElseThrow();
    assertThat(location)
        .isEqualTo("/api/v1/tenants/" + d + "/accounts/import/" + r.json().get("id").asText());
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> http.get(location).json().get("state").asText().equals("done"));
    JsonNode job = http.get(location).json();
    assertThat(job.get("processed").asInt()).isEqualTo(2_500);
    assertThat(job.get("total").asInt()).isEqualTo(2_500);
    assertThat(job.get("report").get("imported").asInt()).isEqualTo(2_500);
    assertError(http.get("/api/v1/tenants/" + d + "/accounts/import/no-such-job"), 404, "id");
  }

  @Test
  void importErrors() {
    String d = newTenant();
    assertError(
        http.send(
            "POST",
            "/api/v1/tenants/" + d + "/accounts/import",
            "name,secret\nx,y\n",
            "text/csv",
            TOKEN),
        400,
        "csv");
    assertError(
        http.send("POST", "/api/v1/tenants/" + d + "/accounts/import", "", "text/csv", TOKEN),
        400,
        "csv");
    assertError(
        http.send(
            "POST",
            "/api/v1/tenants/" + uniqueDomain() + "/accounts/import?async=true",
            "user,password\n1,2\n",
            "text/csv",
            TOKEN),
        404,
        "domain");
    assertError(
        http.send(
            "POST",
            "/api/v1/tenants/" + uniqueDomain() + "/accounts/import",
            "user,password\n1,2\n",
            "text/csv",
            TOKEN),
        404,
        "domain");
  }
}
