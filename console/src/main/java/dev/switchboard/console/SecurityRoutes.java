package dev.switchboard.console;

import dev.switchboard.console.http.QueryString;
import dev.switchboard.console.web.Caller;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.security.SecurityBlock;
import dev.switchboard.store.security.SecurityDesk;
import dev.switchboard.store.security.SecurityEvent;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v1/security}: what the SIP edge blocked and why, lifting a block, and its totals; for
 * admins only (the gate's {@code RoleRule} names no other role for it).
 */
final class SecurityRoutes {

  private static final int MAX_LIMIT = 500;
  private static final Set<String> EVENT_PARAMS = Set.of("limit");

  /** A list with its items under {@code items}, as every list of the API. */
  record Items<T>(List<T> items) {}

  private final SecurityDesk desk;
  private final Clock clock;

  SecurityRoutes(SecurityDesk desk, Clock clock) {
    this.desk = desk;
    this.clock = clock;
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/security/events", this::events);
    routes.get("/api/v1/security/blocks", this::blocks);
    routes.delete("/api/v1/security/blocks/{id}", this::unblock);
    routes.get("/api/v1/security/counters", this::counters);
  }

  private void events(Context ctx) {
    QueryString p = QueryString.of(ctx, EVENT_PARAMS);
    List<SecurityEvent> events = desk.events(p.limit(MAX_LIMIT));
    ctx.json(new Items<>(events));
  }

  private void blocks(Context ctx) {
    QueryString.of(ctx, Set.of());
    List<SecurityBlock> blocks = desk.blocks(clock.instant());
    ctx.json(new Items<>(blocks));
  }

  private void unblock(Context ctx) {
    String id = ctx.pathParam("id");
    String by =
        Caller.of(ctx) instanceof Caller.Staff staff ? staff.user().email() : "the operator token";
    if (!desk.unblock(id, by)) {
      throw new NotFoundException("block", "no block " + id);
    }
    ctx.status(HttpStatus.NO_CONTENT);
  }

  private void counters(Context ctx) {
    QueryString.of(ctx, Set.of());
    Map<String, Long> totals = desk.counters();
    ctx.json(totals);
  }
}
