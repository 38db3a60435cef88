package dev.switchboard.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A session-holding HTTP client that behaves like the console's page: cookie plus CSRF header. */
final class Browserless {

  /** One response, with its JSON when it is JSON. */
  record Reply(int status, String body, JsonNode json, HttpResponse<String> raw) {
    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  String cookie;
  String csrf;

  Browserless(String base) {
    this.base = base;
  }

  /** Signs in; keeps the cookie and CSRF token on success. */
  Reply signIn(String email, String password) {
    Reply r =
        send(
            "POST",
            "/api/v1/session",
            "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}",
            false);
    if (r.status() == 200) {
      String setCookie = r.header("Set-Cookie");
      cookie = setCookie.substring(0, setCookie.indexOf(';'));
      csrf = r.json().get("csrfToken").asText();
    }
    return r;
  }

  Reply get(String path) {
    return send("GET", path, null, true);
  }

  /** As the operator: bearer token, no cookie, no CSRF header. */
  Reply sendWithBearer(String method, String path, String token, String json) {
    String keep = cookie;
    cookie = null;
    try {
      return send(method, path, json, false, token);
    } finally {
      cookie = keep;
    }
  }

  Reply send(String method, String path, String json, boolean withCsrf) {
    return send(method, path, json, withCsrf, null);
  }

  /** With the CSRF header when {@code withCsrf}. */
  private Reply send(String method, String path, String json, boolean withCsrf, String bearer) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    if (withCsrf && csrf != null) {
      b.header(CsrfGuard.HEADER, csrf);
    }
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode node = null;
      try {
        node = r.body().isEmpty() ? null : MAPPER.readTree(r.body());
      } catch (IOException notJson) {
        node = null;
      }
      return new Reply(r.statusCode(), r.body(), node, r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
