package dev.switchboard.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A tiny JSON-over-HTTP client for the API tests. */
final class HttpJson {

  /** One response: status, the raw body, its JSON (null when it is not JSON) and content type. */
  record Reply(
      int status, String body, JsonNode json, String contentType, HttpResponse<String> raw) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;
  private final String token;

  HttpJson(String base, String token) {
    this.base = base;
    this.token = token;
  }

  Reply get(String path) {
    return send("GET", path, null, "application/json", token);
  }

  Reply delete(String path) {
    return send("DELETE", path, null, "application/json", token);
  }

  Reply post(String path, String json) {
    return send("POST", path, json, "application/json", token);
  }

  Reply patch(String path, String json) {
    return send("PATCH", path, json, "application/json", token);
  }

  Reply send(String method, String path, String body, String contentType, String bearer) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", contentType);
    }
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = null;
      try {
        json = r.body().isEmpty() ? null : MAPPER.readTree(r.body());
      } catch (IOException notJson) {
        json = null;
      }
      return new Reply(
          r.statusCode(), r.body(), json, r.headers().firstValue("Content-Type").orElse(""), r);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
