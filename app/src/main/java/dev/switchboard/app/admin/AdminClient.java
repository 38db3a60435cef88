package dev.switchboard.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Talks JSON to a running server's API on behalf of the {@code admin} commands. */
final class AdminClient {

  /** The server refused the request; {@code message} is its error text. */
  static final class Rejected extends Exception {
    Rejected(int status, String message, String field) {
      super(message + (field == null ? "" : " (field: " + field + ")") + " [HTTP " + status + "]");
    }
  }

  /** The server could not be reached at all. */
  static final class Unreachable extends Exception {
    Unreachable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;
  private final String token;

  AdminClient(String url, String token) {
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.token = token;
  }

  static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static ObjectMapper mapper() {
    return MAPPER;
  }

  JsonNode get(String path) throws Rejected, Unreachable {
    return send("GET", path, null, null);
  }

  JsonNode delete(String path) throws Rejected, Unreachable {
    return send("DELETE", path, null, null);
  }

  JsonNode postJson(String path, Object body) throws Rejected, Unreachable {
    try {
      return send("POST", path, MAPPER.writeValueAsBytes(body), "application/json");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  JsonNode post(String path, byte[] body, String contentType) throws Rejected, Unreachable {
    return send("POST", path, body, contentType);
  }

  private JsonNode send(String method, String path, byte[] body, String contentType)
      throws Rejected, Unreachable {
    HttpRequest.Builder b;
    try {
      b = HttpRequest.newBuilder(URI.create(base + path));
    } catch (IllegalArgumentException e) {
      throw new Unreachable("bad server URL " + base + ": " + e.getMessage(), e);
    }
    b.timeout(Duration.ofMinutes(10))
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json")
        .method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    HttpResponse<String> r;
    try {
      r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new Unreachable(
          "cannot reach the server at "
              + base
              + ": "
              + (e.getMessage() == null ? e : e.getMessage()),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted", e);
    }
    JsonNode json = null;
    if (!r.body().isEmpty()) {
      try {
        json = MAPPER.readTree(r.body());
      } catch (IOException e) {
        json = null;
      }
    }
    if (r.statusCode() >= 400) {
      String message =
          json != null && json.hasNonNull("error") ? json.get("error").asText() : "HTTP error";
      String field = json != null && json.hasNonNull("field") ? json.get("field").asText() : null;
      throw new Rejected(r.statusCode(), message, field);
    }
    return json;
  }
}
