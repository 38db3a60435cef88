package dev.switchboard.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.console.web.Browserless.Reply;
import dev.switchboard.store.staff.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sessions, CSRF, sign-in throttling and error pages over real HTTP. */
class SecurityHttpTest {

  private ConsoleFixture fx;
  private Browserless web;

  @BeforeEach
  void start() throws Exception {
    fx = new ConsoleFixture();
    web = new Browserless(fx.url());
  }

  @AfterEach
  void stop() throws Exception {
    fx.close();
  }

  @Test
  void signInSetsAnHttpOnlySameSiteStrictCookieAndNoSecrets() {
    Reply r = web.signIn(ConsoleFixture.ADMIN.toUpperCase(), ConsoleFixture.PASSWORD);
    assertThat(r.status()).isEqualTo(200);
    String cookie = r.header("Set-Cookie");
    assertThat(cookie)
        .startsWith("sb_session=")
        .contains("; HttpOnly")
        .contains("; SameSite=Strict")
        .contains("; Path=/")
        .doesNotContain("Secure"); // plain http here; https adds Secure
    assertThat(r.json().get("role").asText()).isEqualTo("admin");
    assertThat(r.json().get("csrfToken").asText()).hasSizeGreaterThan(30);
    assertThat(r.body()).doesNotContain(ConsoleFixture.PASSWORD).doesNotContain("$2a$");
    Reply me = web.get("/api/v1/session");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get("email").asText()).isEqualTo(ConsoleFixture.ADMIN);
  }

  @Test
  void writesFromASessionNeedTheCsrfToken() {
    web.signIn(ConsoleFixture.ADMIN, ConsoleFixture.PASSWORD);
    String body = "{\"name\":\"Acme\",\"domain\":\"acme.test\"}";
    Reply missing = web.send("POST", "/api/v1/tenants", body, false);
    assertThat(missing.status()).isEqualTo(403);
    assertThat(missing.json().get("error").asText()).contains("X-CSRF-Token");
    String token = web.csrf;
    web.csrf = "wrong";
    assertThat(web.send("POST", "/api/v1/tenants", body, true).status()).isEqualTo(403);
    assertThat(web.send("DELETE", "/api/v1/session", null, true).status()).isEqualTo(403);
    web.csrf = token;
    assertThat(fx.tenants.find("acme.test")).isEmpty();
    assertThat(web.send("POST", "/api/v1/tenants", body, true).status()).isEqualTo(201);
    assertThat(web.get("/api/v1/tenants").status()).isEqualTo(200); // reads need no token
  }

  @Test
  void fiveWrongPasswordsThrottleTheEmailAndTheAddress() {
    for (int i = 0; i < 5; i++) {
      Reply r = web.signIn(ConsoleFixture.ADMIN, "wrong-password-" + i);
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.json().get("error").asText()).contains("wrong email or password");
    }
    Reply throttled = web.signIn(ConsoleFixture.ADMIN, ConsoleFixture.PASSWORD);
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.json().get("error").asText()).contains("too many failed sign-ins");
    assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 15 * 60L);
    assertThat(throttled.header("Set-Cookie")).isNull();
    // The address is locked too: guessing another user's password from here is refused.
    fx.user("other@switchboard.test", Role.SALES, null);
    assertThat(web.signIn("other@switchboard.test", ConsoleFixture.PASSWORD).status())
        .isEqualTo(429);
  }

  @Test
  void signOutAndDisablingEndTheSession() {
    fx.user("sam@switchboard.test", Role.SALES, null);
    Browserless sam = new Browserless(fx.url());
    assertThat(sam.signIn("sam@switchboard.test", ConsoleFixture.PASSWORD).status()).isEqualTo(200);
    assertThat(sam.get("/api/v1/session").status()).isEqualTo(200);

    web.signIn(ConsoleFixture.ADMIN, ConsoleFixture.PASSWORD);
    Reply off =
        web.send("PATCH", "/api/v1/users/sam@switchboard.test", "{\"enabled\":false}", true);
    assertThat(off.status()).isEqualTo(200);
    assertThat(sam.get("/api/v1/session").status()).isEqualTo(401);
    assertThat(sam.signIn("sam@switchboard.test", ConsoleFixture.PASSWORD).status()).isEqualTo(401);

    // An admin cannot lock themselves out.
    assertThat(
            web.send("PATCH", "/api/v1/users/" + ConsoleFixture.ADMIN, "{\"role\":\"sales\"}", true)
                .status())
        .isEqualTo(400);
    Reply out = web.send("DELETE", "/api/v1/session", null, true);
    assertThat(out.status()).isEqualTo(204);
    assertThat(out.header("Set-Cookie")).contains("Max-Age=0");
    assertThat(web.get("/api/v1/session").status()).isEqualTo(401);
    assertThat(web.get("/api/v1/tenants").status()).isEqualTo(401);
  }

  @Test
  void theBearerTokenStillWorksWithoutCsrf() {
    Browserless operator = new Browserless(fx.url());
    var r = operator.send("GET", "/api/v1/session", null, false);
    assertThat(r.status()).isEqualTo(401);
    var http = new dev.switchboard.console.web.Browserless(fx.url());
    Reply created =
        http.sendWithBearer(
            "POST",
            "/api/v1/users",
            ConsoleFixture.TOKEN,
            "{\"email\":\"new@switchboard.test\",\"password\":\"0123456789\",\"role\":\"success\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body()).doesNotContain("0123456789").doesNotContain("hash");
    assertThat(
            http.sendWithBearer("GET", "/api/v1/session", ConsoleFixture.TOKEN, null)
                .json()
                .get("via")
                .asText())
        .isEqualTo("token");
  }

  @Test
  void errorsNeverShowAStackTrace() throws Exception {
    web.signIn(ConsoleFixture.ADMIN, ConsoleFixture.PASSWORD);
    assertJsonError(web.get("/api/v1/no-such-thing"), 404);
    assertJsonError(web.send("PUT", "/api/v1/tenants", "{}", true), 405);
    assertJsonError(web.send("POST", "/api/v1/tenants", "{not json", true), 400);
    assertJsonError(web.send("POST", "/api/v1/users", "{\"email\":\"x\"}", true), 400);
    assertJsonError(web.get("/api/v1/tenants/nope.test/usage/daily?from=yesterday"), 404);
    Reply page = web.get("/no/such/page");
    assertThat(page.status()).isEqualTo(404);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.body()).contains("404 Not found").doesNotContain("Exception");
    Reply put = web.send("PUT", "/index.html", "{}", false);
    assertThat(put.status()).isBetween(404, 405);
    assertThat(put.body()).doesNotContain("Exception").doesNotContain("at io.");

    // A server whose database has gone: 500, JSON, no detail.
    fx.db.close();
    Reply broken =
        new Browserless(fx.url())
            .sendWithBearer("GET", "/api/v1/tenants", ConsoleFixture.TOKEN, null);
    assertJsonError(broken, 500);
    assertThat(broken.json().get("error").asText()).isEqualTo("internal error");
  }

  private static void assertJsonError(Reply r, int status) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.json().get("error").asText()).isNotBlank();
    assertThat(r.body())
        .doesNotContain("Exception")
        .doesNotContain("\tat ")
        .doesNotContain("<html");
  }
}
