package dev.switchboard.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.console.edge.HttpSettings;
import dev.switchboard.console.web.RawHttp.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The session cookie is {@code Secure} whenever the browser's side of the connection is https: said
 * by an https public URL, or by a trusted TLS-terminating proxy; a client cannot claim it.
 */
class SecureCookieTest {

  private static final String SIGN_IN =
      "{\"email\":\""
          + ConsoleFixture.ADMIN
          + "\",\"password\":\""
          + ConsoleFixture.PASSWORD
          + "\"}";

  @Test
  void anHttpsPublicUrlMakesTheCookieSecureOverAPlainHop() throws Exception {
    try (ConsoleFixture fx =
        new ConsoleFixture(HttpSettings.parse("https://pbx.example.com/", List.of()))) {
      assertThat(signIn(fx).header("Set-Cookie")).contains("; Secure");
    }
  }

  @Test
  void aTrustedProxySaysTheBrowserUsedHttps() throws Exception {
    try (ConsoleFixture fx = new ConsoleFixture(HttpSettings.parse(null, List.of("127.0.0.0/8")))) {
      assertThat(signIn(fx, "X-Forwarded-Proto: https").header("Set-Cookie")).contains("; Secure");
      assertThat(signIn(fx, "X-Forwarded-Proto: http").header("Set-Cookie"))
          .doesNotContain("Secure");
      assertThat(signIn(fx).header("Set-Cookie")).doesNotContain("Secure");
    }
  }

  @Test
  void forwardedHeadersFromAnyoneElseAreIgnored() throws Exception {
    try (ConsoleFixture fx = new ConsoleFixture(HttpSettings.parse(null, List.of("10.9.8.7")));
        ConsoleFixture direct = new ConsoleFixture()) {
      assertThat(signIn(fx, "X-Forwarded-Proto: https").header("Set-Cookie"))
          .doesNotContain("Secure");
      assertThat(signIn(direct, "X-Forwarded-Proto: https").header("Set-Cookie"))
          .doesNotContain("Secure");
    }
  }

  @Test
  void theThrottleCountsTheClientBehindATrustedProxyNotTheProxy() throws Exception {
    try (ConsoleFixture fx = new ConsoleFixture(HttpSettings.parse(null, List.of("127.0.0.1")))) {
      fx.user("other@switchboard.test", dev.switchboard.store.staff.Role.SALES, null);
      for (int i = 0; i < 5; i++) {
        Response wrong =
            post(
                fx,
                "{\"email\":\"x@switchboard.test\",\"password\":\"wrong-" + i + "\"}",
                "X-Forwarded-For: 203.0.113.9");
        assertThat(wrong.status()).isEqualTo(401);
      }
      // 203.0.113.9 is locked out; another client behind the same proxy is not.
      String other =
          "{\"email\":\"other@switchboard.test\",\"password\":\"" + ConsoleFixture.PASSWORD + "\"}";
      assertThat(post(fx, other, "X-Forwarded-For: 203.0.113.9").status()).isEqualTo(429);
      assertThat(post(fx, other, "X-Forwarded-For: 198.51.100.4").status()).isEqualTo(200);
      // A client cannot dodge the lock by prepending an address of its own choosing.
      assertThat(post(fx, other, "X-Forwarded-For: 192.0.2.1, 203.0.113.9").status())
          .isEqualTo(429);
    }
  }

  private static Response signIn(ConsoleFixture fx, String... headers) throws Exception {
    Response r = post(fx, SIGN_IN, headers);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r;
  }

  private static Response post(ConsoleFixture fx, String json, String... headers) throws Exception {
    StringBuilder head =
        new StringBuilder(
            "POST /api/v1/session HTTP/1.1\r\nHost: pbx.example.com\r\n"
                + "Content-Type: application/json\r\nConnection: close\r\nContent-Length: "
                + json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    for (String h : headers) {
      head.append("\r\n").append(h);
    }
    return new RawHttp(fx.url())
        .exchange(head.toString(), json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
