package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code switchboard serve}: its data directory and database files are private to the user
 * that runs it, the admin token can come from a file instead of the command line, and the public
 * URL makes the session cookie Secure; a malformed --dns-server stops it with a usage error.
 */
class ServeHardeningTest {

  private static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");

  @TempDir Path tmp;
  private final HttpClient http = HttpClient.newHttpClient();

  private static List<String> serve(Path data, String... more) {
    return ServerProcess.serveArgs(data, more);
  }

  @Test
  void aNewDataDirectoryAndItsFilesAreOwnerOnlyAndTheTokenComesFromAFile() throws Exception {
    Path data = tmp.resolve("fresh/data");
    Path tokenFile = tmp.resolve("token");
    Files.writeString(tokenFile, "file-token-0123456789\n");
    Files.setPosixFilePermissions(tokenFile, OWNER_FILE);
    try (ServerProcess p =
        ServerProcess.start(
            tmp.resolve("serve.log"), serve(data, "--admin-token-file", tokenFile.toString()))) {
      String url = p.awaitUrl(120);
      assertThat(status(url, "file-token-0123456789")).isEqualTo(200);
      assertThat(status(url, "wrong-token")).isEqualTo(401);
      assertThat(p.output()).noneMatch(l -> l.contains("file-token-0123456789"));
      assertThat(p.output()).anyMatch(l -> l.contains("--admin-token-file"));
      assertThat(Files.getPosixFilePermissions(data)).isEqualTo(OWNER_DIR);
      try (Stream<Path> files = Files.list(data)) {
        List<Path> all = files.toList();
        assertThat(all).anyMatch(f -> f.getFileName().toString().endsWith(".mv.db"));
        for (Path f : all) {
          assertThat(Files.getPosixFilePermissions(f))
              .as(f.toString())
              .isEqualTo(Files.isDirectory(f) ? OWNER_DIR : OWNER_FILE);
        }
      }
    }
    assertThat(Files.readString(tmp.resolve("serve.log"))).doesNotContain("more open than");
  }

  @Test
  void anExistingOpenDirectoryIsReportedAndItsFilesTightened() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("open"));
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (ServerProcess p =
        ServerProcess.start(
            tmp.resolve("open.log"), serve(data, "--admin-token", "open-token-0123456789"))) {
      p.awaitUrl(120);
      try (Stream<Path> files = Files.list(data)) {
        for (Path f : files.toList()) {
          assertThat(Files.getPosixFilePermissions(f))
              .as(f.toString())
              .isEqualTo(Files.isDirectory(f) ? OWNER_DIR : OWNER_FILE);
        }
      }
    }
    assertThat(Files.readString(tmp.resolve("open.log")))
        .contains("more open than")
        .contains("chmod 700");
  }

  @Test
  void aMissingOrEmptyTokenFileIsAUsageError() throws Exception {
    Path empty = Files.writeString(tmp.resolve("empty"), "  \n");
    for (Path file : List.of(tmp.resolve("absent"), empty)) {
      try (ServerProcess p =
          ServerProcess.start(
              tmp.resolve("bad.log"),
              serve(tmp.resolve("d"), "--admin-token-file", file.toString()))) {
        assertThat(p.awaitExit(60)).isEqualTo(2);
      }
      assertThat(Files.readString(tmp.resolve("bad.log"))).contains(file.toString());
    }
  }

  @Test
  void aDnsServerThatIsNotAnAddressAndPortIsAUsageError() throws Exception {
    for (String bad : List.of("127.0.0.1", "ns.example.com:53", "127.0.0.1:99999")) {
      Path log = tmp.resolve("dns.log");
      try (ServerProcess p =
          ServerProcess.start(log, serve(tmp.resolve("d"), "--dns-server", bad))) {
        assertThat(p.awaitExit(60)).as(bad).isEqualTo(2);
      }
      assertThat(Files.readString(log)).as(bad).contains("--dns-server").contains(bad);
    }
  }

  @Test
  void anHttpsPublicUrlMakesTheSessionCookieSecure() throws Exception {
    Path data = tmp.resolve("pub");
    try (ServerProcess p =
        ServerProcess.start(
            tmp.resolve("pub.log"),
            serve(
                data,
                "--admin-token",
                "pub-token-0123456789",
                "--public-url",
                "https://pbx.example.com/"))) {
      String url = p.awaitUrl(120);
      HttpRequest addUser =
          HttpRequest.newBuilder(URI.create(url + "/api/v1/users"))
              .header("Authorization", "Bearer pub-token-0123456789")
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"email\":\"ops@example.com\",\"password\":\"long-password-1\","
                          + "\"role\":\"admin\"}"))
              .build();
      assertThat(http.send(addUser, HttpResponse.BodyHandlers.ofString()).statusCode())
          .isEqualTo(201);
      HttpRequest signIn =
          HttpRequest.newBuilder(URI.create(url + "/api/v1/session"))
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"email\":\"ops@example.com\",\"password\":\"long-password-1\"}"))
              .build();
      HttpResponse<String> r = http.send(signIn, HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure");
      assertThat(p.output()).anyMatch(l -> l.contains("https://pbx.example.com/"));
    }
  }

  private int status(String url, String token) throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(url + "/api/v1/tenants"))
            .header("Authorization", "Bearer " + token)
            .build();
    return http.send(r, HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}
