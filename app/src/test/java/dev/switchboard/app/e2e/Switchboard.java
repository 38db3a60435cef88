package dev.switchboard.app.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.app.ServerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A real {@code switchboard serve} child process on 127.0.0.1 with an admin token, and the API
 * calls the end-to-end tests make against it; closing it kills the process by its PID.
 */
final class Switchboard implements AutoCloseable {
  static final String TOKEN = "e2e-admin-token-0123456789";
  private static final Pattern SIP = Pattern.compile("SIP \\(UDP, TCP\\):\\s+\\S+:(\\d+)");
  private static final Pattern TLS = Pattern.compile("SIP \\(TLS\\):\\s+\\S+:(\\d+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServerProcess process;
  private final String url;
  private final int sipPort;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Switchboard(ServerProcess process, String url, int sipPort) {
    this.process = process;
    this.url = url;
    this.sipPort = sipPort;
  }

  /**
   * Starts {@code serve} with its data under {@code data}, SIP on {@code sipPort} (0: any), HTTP on
   * any port, MD5 challenges first unless {@code extra} says otherwise (SIPp 3.6 and baresip 1.0
   * need that) and {@code extra} flags.
   */
  static Switchboard start(Path data, int sipPort, String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "serve",
                "--data",
                data.toString(),
                "--bind",
                "127.0.0.1",
                "--sip-port",
                Integer.toString(sipPort),
                "--http-port",
                "0",
                "--admin-token",
                TOKEN));
    if (!List.of(extra).contains("--digest-challenge-order")) {
      args.addAll(List.of("--digest-challenge-order", "md5-first"));
    }
    args.addAll(List.of(extra));
    Files.createDirectories(data);
    Path log = data.resolveSibling(data.getFileName() + "-serve.log");
    ServerProcess p = ServerProcess.start(log, args);
    try {
      String url = p.awaitUrl(60);
      int port = Integer.parseInt(p.awaitLine(SIP, 30));
      return new Switchboard(p, url, port);
    } catch (Exception | AssertionError e) {
      p.close();
      // The temporary directory goes with the test, so the log goes into the failure.
      String text = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
      throw new AssertionError(
          "serve " + args + " did not start:\n" + text.substring(Math.max(0, text.length() - 6000)),
          e);
    }
  }

  int sipPort() {
    return sipPort;
  }

  /** The TLS port serve printed (on by default; ephemeral when started with SIP port 0). */
  int tlsPort() throws Exception {
    return Integer.parseInt(process.awaitLine(TLS, 10));
  }

  String url() {
    return url;
  }

  ServerProcess process() {
    return process;
  }

  /** Creates tenant {@code domain} and one account per user, each with password {@code pw-USER}. */
  void tenant(String domain, String... users) throws Exception {
    post("/api/v1/tenants", Map.of("name", domain, "domain", domain));
    for (String user : users) {
      post(
          "/api/v1/tenants/" + domain + "/accounts",
          Map.of("user", user, "password", password(user)));
    }
    // The SIP side learns of a new tenant domain from the directory's poll (every 500 ms); until
    // then a request from that domain is not yet "ours". A phone provisioned a second later never
    // meets that window; the tests wait for it the same way.
    Thread.sleep(1_000);
  }

  static String password(String user) {
    return "pw-" + user + "-secret";
  }

  /** The {@code [authentication]} keyword SIPp reads from an injection field. */
  static String sippAuth(String user) {
    return "[authentication username=" + user + " password=" + password(user) + "]";
  }

  JsonNode post(String path, Object body) throws Exception {
    HttpResponse<String> r =
        http.send(
            request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new AssertionError("POST " + path + " → " + r.statusCode() + ": " + r.body());
    }
    return r.body().isEmpty() ? null : JSON.readTree(r.body());
  }

  JsonNode patch(String path, Object body) throws Exception {
    HttpResponse<String> r =
        http.send(
            request(path)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new AssertionError("PATCH " + path + " → " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** PATCH with a JSON body as written (bad input included); the caller checks the response. */
  HttpResponse<String> patchRaw(String path, String json) throws Exception {
    return http.send(
        request(path)
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** PUT with a JSON body; returns the status, the caller checks it. */
  int put(String path, Object body) throws Exception {
    return http.send(
            request(path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  /** DELETE; returns the status, the caller checks it. */
  int delete(String path) throws Exception {
    return http.send(request(path).DELETE().build(), HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  JsonNode get(String path) throws Exception {
    HttpResponse<String> r =
        http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + path + " → " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** The body of a GET that answers 200 with something other than JSON (a WAV file). */
  byte[] bytes(String path) throws Exception {
    HttpResponse<byte[]> r =
        http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + path + " → " + r.statusCode());
    }
    return r.body();
  }

  /** The node's /metrics text. */
  String metrics() throws Exception {
    HttpResponse<String> r =
        http.send(request("/metrics").GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new AssertionError("GET /metrics → " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  /** Any request with a raw body; the caller checks the status and body. */
  HttpResponse<String> send(String method, String path, String contentType, byte[] body)
      throws Exception {
    return http.send(
        request(path)
            .header("Content-Type", contentType)
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(url + path))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + TOKEN);
  }

  /** Every item of a paged list route, following {@code next}. */
  List<JsonNode> all(String path) throws Exception {
    List<JsonNode> items = new ArrayList<>();
    String cursor = null;
    do {
      String page =
          path
              + "?limit=500"
              + (cursor == null
                  ? ""
                  : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      JsonNode body = get(page);
      body.get("items").forEach(items::add);
      JsonNode next = body.get("next");
      cursor = next == null || next.isNull() ? null : next.asText();
    } while (cursor != null);
    return items;
  }

  List<JsonNode> registrations(String domain) throws Exception {
    return all("/api/v1/tenants/" + domain + "/registrations");
  }

  List<JsonNode> calls(String domain) throws Exception {
    return all("/api/v1/tenants/" + domain + "/calls");
  }

  /** The AORs registered in {@code domain}, e.g. {@code sip:1001@a.test}. */
  List<String> aors(String domain) throws Exception {
    return registrations(domain).stream().map(n -> n.get("aor").asText()).toList();
  }

  /** Waits (bounded) until {@code domain}'s call log holds a record matching {@code match}. */
  JsonNode awaitCall(String domain, Predicate<JsonNode> match) {
    JsonNode[] found = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              for (JsonNode c : calls(domain)) {
                if (match.test(c)) {
                  found[0] = c;
                  return true;
                }
              }
              return false;
            });
    return found[0];
  }

  /** The CDR of {@code domain} from {@code from} to {@code to} (user parts), waiting for it. */
  JsonNode awaitCall(String domain, String from, String to) {
    return awaitCall(
        domain,
        c ->
            c.get("from").asText().contains(from + "@") && c.get("to").asText().contains(to + "@"));
  }

  /** A port of 127.0.0.1 free for both UDP and TCP a moment ago, for a fixed --sip-port. */
  static int freeSipPort() throws IOException {
    java.net.InetAddress loopback = java.net.InetAddress.getByName("127.0.0.1");
    for (int i = 0; i < 20; i++) {
      try (java.net.ServerSocket tcp = new java.net.ServerSocket(0, 1, loopback)) {
        int port = tcp.getLocalPort();
        try {
          new java.net.DatagramSocket(port, loopback).close();
          return port;
        } catch (IOException taken) {
          // try another
        }
      }
    }
    throw new IOException("no port free for both UDP and TCP on 127.0.0.1");
  }

  /** Copies a SIPp scenario out of the server test jar into {@code dir}. */
  static Path scenario(Path dir, String name) throws IOException {
    Path file = dir.resolve(name);
    if (!Files.exists(file)) {
      try (InputStream in = Switchboard.class.getResourceAsStream("/sipp/" + name)) {
        if (in == null) {
          throw new IOException("no /sipp/" + name + " on the class path");
        }
        Files.copy(in, file);
      }
    }
    return file;
  }

  /** Writes a SIPp scenario given as text (for variants of the jar's scenarios). */
  static Path scenario(Path dir, String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  /** Kills the server at once (kill -9: nothing is flushed, no hook runs). */
  void kill() {
    process.kill();
  }

  @Override
  public void close() {
    process.close();
  }
}
