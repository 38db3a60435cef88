package dev.switchboard.console.sales;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.console.web.CsrfGuard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** JSON over HTTP with the admin token, for the sales API tests. */
final class SalesHttp {

  /** A response: status, body, its JSON (null when not JSON) and content type. */
  record Reply(int status, String body, JsonNode json, String contentType) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;
  private final String token;
  private String cookie;
  private String csrf;

  SalesHttp(String base, String token) {
    this.base = base;
    this.token = token;
  }

  /** A client that signs in as a staff user (session cookie and CSRF token) instead of a token. */
  static SalesHttp signedIn(String base, String email, String password) {
    SalesHttp c = new SalesHttp(base, null);
    Reply r =
        c.post(
            "/api/v1/session", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    if (r.status() != 200) {
      throw new IllegalStateException("sign-in of " + email + " failed: " + r.body());
    }
    c.cookie = c.lastCookie;
    c.csrf = r.json().get("csrfToken").asText();
    return c;
  }

  private String lastCookie;

  Reply get(String path) {
    return send("GET", path, null);
  }

  Reply post(String path, String json) {
    return send("POST", path, json);
  }

  Reply patch(String path, String json) {
    return send("PATCH", path, json);
  }

  private Reply send(String method, String path, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    if (csrf != null) {
      b.header(CsrfGuard.HEADER, csrf);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      lastCookie =
          r.headers()
              .firstValue("Set-Cookie")
              .map(v -> v.substring(0, v.indexOf(';') < 0 ? v.length() : v.indexOf(';')))
              .orElse(null);
      JsonNode json;
      try {
        json = r.body().isEmpty() ? null : MAPPER.readTree(r.body());
      } catch (IOException notJson) {
        json = null;
      }
      return new Reply(
          r.statusCode(), r.body(), json, r.headers().firstValue("Content-Type").orElse(""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
