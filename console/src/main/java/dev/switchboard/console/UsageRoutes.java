package dev.switchboard.console;

import dev.switchboard.console.http.QueryString;
import dev.switchboard.store.pbx.MessageRepository;
import dev.switchboard.store.pbx.StoredMessage;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.usage.ActiveBinding;
import dev.switchboard.store.usage.CallFilter;
import dev.switchboard.store.usage.CallRecord;
import dev.switchboard.store.usage.CallRecordRepository;
import dev.switchboard.store.usage.Page;
import dev.switchboard.store.usage.Registrations;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Set;

/**
 * {@code /api/v1/tenants/{domain}/calls}, {@code .../registrations}, {@code .../lines} and {@code
 * .../messages}: a tenant's call log, who is registered now (alphabetical, a page at a time), who
 * is on the phone now, and its instant messages (newest first).
 */
final class UsageRoutes {

  private static final int MAX_LIMIT = 500;

  private static final Set<String> CALL_PARAMS =
      Set.of("limit", "cursor", "from", "to", "extension", "status");
  private static final Set<String> REGISTRATION_PARAMS = Set.of("limit", "cursor");
  private static final Set<String> MESSAGE_PARAMS = Set.of("limit", "cursor");

  private final TenantRepository tenants;
  private final CallRecordRepository calls;
  private final Registrations bindings;
  private final LiveLines lines;
  private final MessageRepository messages;
  private final Clock clock;

  UsageRoutes(
      TenantRepository tenants,
      CallRecordRepository calls,
      Registrations bindings,
      LiveLines lines,
      MessageRepository messages,
      Clock clock) {
    this.tenants = tenants;
    this.calls = calls;
    this.bindings = bindings;
    this.lines = lines;
    this.messages = messages;
    this.clock = clock;
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/tenants/{domain}/calls", this::calls);
    routes.get("/api/v1/tenants/{domain}/registrations", this::registrations);
    routes.get("/api/v1/tenants/{domain}/lines", this::lines);
    routes.get("/api/v1/tenants/{domain}/messages", this::messages);
  }

  private void messages(Context ctx) {
    QueryString p = QueryString.of(ctx, MESSAGE_PARAMS);
    int limit = p.limit(MAX_LIMIT);
    String domain = tenants.get(ctx.pathParam("domain")).domain();
    Page<StoredMessage> page = messages.history(domain, limit, p.text("cursor"));
    ctx.json(new PageView<>(page.items().stream().map(MessageView::of).toList(), page.next()));
  }

  /** One instant message as the tenant admin sees it in the history. */
  record MessageView(
      long id,
      String recipient,
      String sender,
      String contentType,
      String body,
      java.time.Instant receivedAt,
      java.time.Instant expiresAt,
      String status,
      java.time.Instant deliveredAt) {
    static MessageView of(StoredMessage m) {
      return new MessageView(
          m.id(),
          m.recipient(),
          m.sender(),
          m.contentType(),
          m.body(),
          m.receivedAt(),
          m.expiresAt(),
          m.status(),
          m.deliveredAt());
    }
  }

  private void lines(Context ctx) {
    QueryString.of(ctx, Set.of());
    String domain = tenants.get(ctx.pathParam("domain")).domain();
    ctx.json(new PageView<>(lines.now(domain), null));
  }

  private void calls(Context ctx) {
    QueryString p = QueryString.of(ctx, CALL_PARAMS);
    int limit = p.limit(MAX_LIMIT);
    CallFilter filter =
        new CallFilter(
            p.instant("from", false),
            p.instant("to", true),
            p.text("extension"),
            p.integer("status"));
    String domain = tenants.get(ctx.pathParam("domain")).domain();
    Page<CallRecord> page = calls.list(domain, filter, limit, p.text("cursor"));
    ctx.json(new PageView<>(page.items().stream().map(CallView::of).toList(), page.next()));
  }

  private void registrations(Context ctx) {
    QueryString p = QueryString.of(ctx, REGISTRATION_PARAMS);
    int limit = p.limit(MAX_LIMIT);
    String domain = tenants.get(ctx.pathParam("domain")).domain();
    Page<ActiveBinding> page = bindings.active(domain, clock.instant(), limit, p.text("cursor"));
    ctx.json(new PageView<>(page.items().stream().map(RegistrationView::of).toList(), page.next()));
  }
}
