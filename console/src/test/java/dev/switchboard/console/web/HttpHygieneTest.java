package dev.switchboard.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.console.web.Browserless.Reply;
import dev.switchboard.console.web.RawHttp.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The HTTP edge over a real server: small bodies before authentication, JSON errors for every
 * status (also those Jetty answers before any route runs), and the headers API responses carry.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpHygieneTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private ConsoleFixture fx;
  private RawHttp raw;

  @BeforeAll
  void start() throws Exception {
    fx = new ConsoleFixture();
    fx.tenant("acme.test", "Acme");
    raw = new RawHttp(fx.url());
  }

  @AfterAll
  void stop() throws Exception {
    fx.close();
  }

  // Body limits

  @Test
  void aLargeBodyIsRefusedBeforeAuthenticationWithoutBeingRead() throws IOException {
    // The body is announced but never sent: a server that reads it first never answers.
    for (String path :
        new String[] {
          "/api/v1/tenants", "/api/public/trial", "/api/v1/session", "/health", "/index.html"
        }) {
      Response r = raw.exchange(post(path, "application/json", 1_000_000, null), null);
      assertThat(r.status()).as(path).isEqualTo(413);
      if (!path.equals("/index.html")) {
        assertJsonError(r);
      }
    }
    // An import route takes more, but only from an authenticated caller.
    Response anonymous =
        raw.exchange(
            post("/api/v1/tenants/acme.test/accounts/import", "text/csv", 1_000_000, null), null);
    assertThat(anonymous.status()).isIn(401, 413);
    assertJsonError(anonymous);
  }

  @Test
  void jsonBodiesOverTheSmallLimitAre413EvenWithTheToken() throws IOException {
    Response r =
        raw.exchange(
            post("/api/v1/tenants", "application/json", 70_000, ConsoleFixture.TOKEN), null);
    assertThat(r.status()).isEqualTo(413);
    assertJsonError(r);
    // The same without Content-Length: the limit counts the chunks as they come.
    byte[] chunk = ("{\"name\":\"" + "x".repeat(8_000)).getBytes(StandardCharsets.US_ASCII);
    StringBuilder chunked = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      chunked.append(Integer.toHexString(chunk.length)).append("\r\n");
      chunked.append(new String(chunk, StandardCharsets.US_ASCII)).append("\r\n");
    }
    chunked.append("0\r\n\r\n");
    Response c =
        raw.exchange(
            "POST /api/v1/tenants HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nAuthorization: Bearer "
                + ConsoleFixture.TOKEN
                + "\r\nConnection: close",
            chunked.toString().getBytes(StandardCharsets.US_ASCII));
    assertThat(c.status()).isEqualTo(413);
    assertJsonError(c);
  }

  @Test
  void anAuthenticatedCsvImportTakesALargeBodyUpToItsOwnLimit() throws IOException {
    StringBuilder csv = new StringBuilder("user,password,displayName\n");
    for (int i = 0; csv.length() < 80_000; i++) {
      csv.append(2000 + i).append(",secret-").append(i).append(",Desk number ").append(i);
      csv.append('\n');
    }
    byte[] body = csv.toString().getBytes(StandardCharsets.UTF_8);
    Response ok =
        raw.exchange(
            post(
                "/api/v1/tenants/acme.test/accounts/import",
                "text/csv",
                body.length,
                ConsoleFixture.TOKEN),
            body);
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(JSON.readTree(ok.body()).get("imported").asInt()).isGreaterThan(2_000);
    Response tooLarge =
        raw.exchange(
            post(
                "/api/v1/tenants/acme.test/accounts/import",
                "text/csv",
                17 << 20,
                ConsoleFixture.TOKEN),
            null);
    assertThat(tooLarge.status()).isEqualTo(413);
    assertJsonError(tooLarge);
  }

  // Headers

  @Test
  void apiResponsesAreNeitherSniffedNorStored() throws IOException {
    for (String path :
        new String[] {"/api/v1/tenants", "/api/v1/nothing-here", "/health", "/api/openapi.json"}) {
      Response r = raw.get(path, "Authorization: Bearer " + ConsoleFixture.TOKEN);
      assertThat(r.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
      assertThat(r.header("Cache-Control")).as(path).isEqualTo("no-store");
    }
    Reply signIn = new Browserless(fx.url()).signIn(ConsoleFixture.ADMIN, "wrong-password-0");
    assertThat(signIn.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(signIn.header("Cache-Control")).isEqualTo("no-store");
  }

  // Errors Jetty answers before any route runs

  @Test
  void malformedRequestsGetJsonUnderTheApiAndAShortPageElsewhere() throws IOException {
    assertJsonError(raw.get("/api/v1/%zz"), 400);
    assertJsonError(raw.get("/health/%"), 400);
    assertJsonError(raw.get("/api/v1/tenants", "X-Big: " + "b".repeat(20_000)), 431);
    assertJsonError(raw.get("/api/v1/tenants", "Bad header without a colon"), 400);
    assertJsonError(raw.get("/api/v1/" + "a".repeat(20_000)), 414);
    // A request line Jetty cannot parse or read to its end has no path and no headers to go by:
    // the answer is JSON there too, never Jetty's page.
    assertJsonError(raw.get("/%", "Accept: text/html"), 400);
    assertJsonError(raw.get("/%zz/page", "Accept: text/html"), 400);
    assertJsonError(raw.get("/" + "a".repeat(20_000), "Accept: text/html"), 414);
    // Outside the API, where the path is known, a browser gets the console's short page.
    assertShortPage(raw.get("/page", "Accept: text/html", "X-Big: " + "b".repeat(20_000)), 431);
    assertShortPage(raw.get("/page", "Accept: text/html", "Bad header without a colon"), 400);
  }

  private static String post(String path, String type, long length, String token) {
    return "POST "
        + path
        + " HTTP/1.1\r\nHost: x\r\nContent-Type: "
        + type
        + "\r\nContent-Length: "
        + length
        + (token == null ? "" : "\r\nAuthorization: Bearer " + token)
        + "\r\nConnection: close";
  }

  private static void assertJsonError(Response r, int status) throws IOException {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertJsonError(r);
  }

  private static void assertJsonError(Response r) throws IOException {
    assertThat(r.header("Content-Type")).as(r.body()).startsWith("application/json");
    JsonNode json = JSON.readTree(r.body());
    assertThat(json.path("error").asText()).isNotBlank();
    assertThat(json.has("field")).isTrue();
    assertThat(r.body()).doesNotContain("Jetty").doesNotContain("<html");
  }

  private static void assertShortPage(Response r, int status) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("text/html");
    assertThat(r.body())
        .contains("<h1>" + status + " ")
        .contains("href=\"/\"")
        .doesNotContain("Jetty")
        .doesNotContain("Powered by")
        .hasSizeLessThan(1_000);
  }
}
