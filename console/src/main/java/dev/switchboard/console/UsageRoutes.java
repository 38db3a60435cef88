package dev.switchboard.console;

import dev.switchboard.console.http.QueryString;
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
 * {@code /api/v1/tenants/{domain}/calls}, {@code .../registrations} and {@code .../lines}: a
 * tenant's call log, who is registered now (alphabetical, a page at a time) and who is on the phone
 * now.
 */
final class UsageRoutes {

  private static final int MAX_LIMIT = 500;

  private static final Set<String> CALL_PARAMS =
      Set.of("limit", "cursor", "from", "to", "extension", "status");
  private static final Set<String> REGISTRATION_PARAMS = Set.of("limit", "cursor");

  private final TenantRepository tenants;
  private final CallRecordRepository calls;
  private final Registrations bindings;
  private final LiveLines lines;
  private final Clock clock;

  UsageRoutes(
      TenantRepository tenants,
      CallRecordRepository calls,
      Registrations bindings,
      LiveLines lines,
      Clock clock) {
    this.tenants = tenants;
    this.calls = calls;
    this.bindings = bindings;
    this.lines = lines;
    this.clock = clock;
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/tenants/{domain}/calls", this::calls);
    routes.get("/api/v1/tenants/{domain}/registrations", this::registrations);
    routes.get("/api/v1/tenants/{domain}/lines", this::lines);
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
