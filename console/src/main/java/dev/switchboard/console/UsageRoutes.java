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
 * {@code /api/v1/tenants/{domain}/calls} and {@code .../registrations}: a tenant's call log and who
 * is registered now, newest or alphabetical first, a page at a time.
 */
final class UsageRoutes {

  private static final int MAX_LIMIT = 500;

  private static final Set<String> CALL_PARAMS =
      Set.of("limit", "cursor", "from", "to", "extension", "status");
  private static final Set<String> REGISTRATION_PARAMS = Set.of("limit", "cursor");

  private final TenantRepository tenants;
  private final CallRecordRepository calls;
  private final Registrations bindings;
  private final Clock clock;

  UsageRoutes(
      TenantRepository tenants, CallRecordRepository calls, Registrations bindings, Clock clock) {
    this.tenants = tenants;
    this.calls = calls;
    this.bindings = bindings;
    this.clock = clock;
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/tenants/{domain}/calls", this::calls);
    routes.get("/api/v1/tenants/{domain}/registrations", this::registrations);
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
