package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.store.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data written through a real {@code switchboard serve} process survives {@code kill -9} and a
 * restart on the same data directory or PostgreSQL database.
 */
abstract class RestartContract {

  private static final String TOKEN = "restart-token";

  @TempDir Path tmp;
  private TestDatabase testDb;
  private final HttpClient http = HttpClient.newHttpClient();

  abstract TestDatabase newDatabase(Path dir);

  @BeforeEach
  void open() {
    testDb = newDatabase(tmp.resolve("data"));
  }

  @AfterEach
  void close() {
    if (testDb != null) {
      testDb.close();
    }
  }

  List<String> serveArgs() {
    List<String> args = ServerProcess.serveArgs(tmp.resolve("data"), "--admin-token", TOKEN);
    if (!testDb.settings().isEmbedded()) {
      args.addAll(List.of("--db-url", testDb.settings().url()));
      if (testDb.settings().user() != null) {
        args.addAll(List.of("--db-user", testDb.settings().user()));
      }
      if (testDb.settings().password() != null && !testDb.settings().password().isEmpty()) {
        args.addAll(List.of("--db-password", testDb.settings().password()));
      }
    }
    return args;
  }

  @Test
  void dataSurvivesKillNineAndRestart() throws Exception {
    String url;
    try (ServerProcess first = ServerProcess.start(tmp.resolve("first.log"), serveArgs())) {
      url = first.awaitUrl(60);
      assertThat(
              send(url, "POST", "/api/v1/tenants", "{\"name\":\"Acme\",\"domain\":\"acme.test\"}"))
          .isEqualTo(201);
      assertThat(
              send(
                  url,
                  "POST",
                  "/api/v1/tenants/acme.test/accounts",
                  "{\"user\":\"1001\",\"password\":\"s3cret\",\"displayName\":\"Desk\"}"))
          .isEqualTo(201);
      assertThat(send(url, "PATCH", "/api/v1/tenants/acme.test", "{\"status\":\"active\"}"))
          .isEqualTo(200);
      first.kill();
    }
    try (ServerProcess second = ServerProcess.start(tmp.resolve("second.log"), serveArgs())) {
      String again = second.awaitUrl(60);
      HttpResponse<String> tenant = get(again, "/api/v1/tenants/acme.test");
      assertThat(tenant.statusCode()).isEqualTo(200);
      assertThat(tenant.body()).contains("\"status\":\"active\"");
      HttpResponse<String> account = get(again, "/api/v1/tenants/acme.test/accounts/1001");
      assertThat(account.statusCode()).isEqualTo(200);
      assertThat(account.body()).contains("\"displayName\":\"Desk\"");
      assertThat(second.output()).noneMatch(l -> l.contains(TOKEN));
    }
  }

  private int send(String base, String method, String path, String json) throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json))
            .build();
    return http.send(r, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private HttpResponse<String> get(String base, String path) throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + TOKEN)
            .build();
    return http.send(r, HttpResponse.BodyHandlers.ofString());
  }
}
