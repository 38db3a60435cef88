package dev.switchboard.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.console.OpenApiSamples.Operation;
import dev.switchboard.console.edge.HttpSettings;
import dev.switchboard.demo.DemoHistory;
import dev.switchboard.demo.DemoSeed;
import dev.switchboard.demo.billing.BillingDemoSeed;
import dev.switchboard.demo.marketing.MarketingDemoSeed;
import dev.switchboard.demo.sales.SalesDemoSeed;
import dev.switchboard.demo.success.SuccessDemoSeed;
import dev.switchboard.store.Database;
import dev.switchboard.store.media.ConferenceRooms;
import dev.switchboard.store.media.ConferenceRoster;
import dev.switchboard.store.media.IvrMenus;
import dev.switchboard.store.security.SecurityDesk;
import dev.switchboard.store.tenant.Tenant;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.tenant.TenantStatus;
import dev.switchboard.store.testing.TestDatabases;
import dev.switchboard.store.usage.Registrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real server over H2 holding a small slice of the demo story (customers, invoices, leads, deals,
 * cases), its documented operations (writes that remove things last), and the ids, codes and
 * domains its lists name, for filling the operations' paths.
 */
final class SeededApi implements AutoCloseable {

  static final String TOKEN = "seeded-api-token";
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

  private final Path dir;
  private final Database db;
  private final ApiServer server;
  private final HttpJson http;
  private final OpenApiSamples doc = OpenApiSamples.load();
  private final Map<String, Set<String>> seen = new LinkedHashMap<>();

  private SeededApi(Path dir) {
    this.dir = dir;
    this.db = Database.open(TestDatabases.h2(dir).settings());
    DemoHistory story = DemoHistory.generate(DemoHistory.DEMO_SEED, TODAY, 0.05);
    for (DemoSeed seed :
        List.of(
            new BillingDemoSeed(),
            new MarketingDemoSeed(),
            new SalesDemoSeed(),
            new SuccessDemoSeed())) {
      seed.seed(db, story);
    }
    new TenantRepository(db.jdbi())
        .create(Tenant.create("fuzz.test", "Fuzz").withStatus(TenantStatus.ACTIVE));
    // Menus and rooms under the temporary directory, so their routes answer and are checked too.
    this.server =
        ApiServer.start(
            "127.0.0.1",
            0,
            db,
            AdminToken.of(TOKEN),
            HttpSettings.DIRECT,
            new NodeState(
                Registrations.NONE,
                SecurityDesk.NONE,
                () -> "",
                null,
                new IvrMenus(dir.resolve("ivr")),
                new ConferenceRooms(dir.resolve("conference")),
                ConferenceRoster.NONE));
    this.http = new HttpJson(server.url(), TOKEN);
    for (Operation op : operations()) { // the lists name real ids, codes and domains
      if (op.method().equals("GET") && !op.path().contains("{")) {
        remember(send("GET", op.path(), null).json());
      }
    }
  }

  static SeededApi start() throws IOException {
    return new SeededApi(Files.createTempDirectory("switchboard-seeded-api"));
  }

  OpenApiSamples doc() {
    return doc;
  }

  List<String> routes() {
    return server.routes();
  }

  /** Every documented operation; writes that remove things come last. */
  List<Operation> operations() {
    List<Operation> ops = new ArrayList<>(doc.operations());
    ops.sort(Comparator.comparing((Operation o) -> o.method().equals("DELETE")));
    return ops;
  }

  /** The operation's path with its placeholders filled by values the lists named (up to 3). */
  List<String> paths(Operation op) {
    return fill(op, null);
  }

  /** The operation's path with each placeholder set to each of {@code values}. */
  List<String> fill(Operation op, List<String> values) {
    List<String> out = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(op.path());
    if (!m.find()) {
      out.add(op.path());
      return out;
    }
    List<String> choices = values;
    if (choices == null) {
      choices = new ArrayList<>(seen.getOrDefault(m.group(1), Set.of()));
      if (choices.isEmpty()) {
        choices.add(
            switch (m.group(1)) {
              case "domain" -> "fuzz.test";
              case "user" -> "1001";
              case "email" -> "fuzz@example.test";
              default -> "1";
            });
      }
      choices = choices.subList(0, Math.min(choices.size(), 3));
    }
    for (String v : choices) {
      out.add(PLACEHOLDER.matcher(op.path()).replaceAll(Matcher.quoteReplacement(v)));
    }
    return out;
  }

  HttpJson.Reply send(String method, String path, String json) {
    return http.send(method, path, json, "application/json", TOKEN);
  }

  HttpJson.Reply send(String method, String path, String body, String contentType) {
    return http.send(method, path, body, contentType, TOKEN);
  }

  /** Ids, codes, domains and e-mails named in a reply, a few of each, for filling paths. */
  void remember(JsonNode json) {
    if (json == null) {
      return;
    }
    if (json.isArray() || json.has("items")) {
      int n = 0;
      for (JsonNode e : json.isArray() ? json : json.get("items")) {
        if (n++ < 2) {
          remember(e);
        }
      }
      return;
    }
    for (String key : List.of("id", "code", "domain", "email", "number")) {
      JsonNode v = json.get(key);
      if (v != null && v.isValueNode() && !v.isNull()) {
        seen.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(v.asText());
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    db.close();
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
