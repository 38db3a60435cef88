package dev.switchboard.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.store.tenant.RoutingMode;
import dev.switchboard.store.tenant.Tenant;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.tenant.TenantStatus;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.util.Set;

/** {@code /api/v1/tenants}: create, list, read, change and remove tenants. */
final class TenantRoutes {

  private static final Set<String> CREATE_FIELDS =
      Set.of("name", "domain", "status", "industry", "timeZone", "routingMode");
  private static final Set<String> PATCH_FIELDS =
      Set.of("name", "status", "industry", "timeZone", "routingMode");

  private final TenantRepository tenants;
  private final ObjectMapper mapper;

  TenantRoutes(TenantRepository tenants, ObjectMapper mapper) {
    this.tenants = tenants;
    this.mapper = mapper;
  }

  void register(RoutesConfig routes) {
    routes.post("/api/v1/tenants", this::create);
    routes.get("/api/v1/tenants", this::list);
    routes.get("/api/v1/tenants/{domain}", this::get);
    routes.patch("/api/v1/tenants/{domain}", this::patch);
    routes.delete("/api/v1/tenants/{domain}", this::delete);
  }

  private void create(Context ctx) {
    JsonBody body = JsonBody.parse(mapper, ctx.bodyAsBytes(), CREATE_FIELDS);
    String name = body.requiredText("name");
    String domain = body.requiredText("domain");
    String status = body.text("status");
    String timeZone = body.text("timeZone");
    String routingMode = body.text("routingMode");
    Tenant tenant =
        new Tenant(
            domain,
            name,
            status == null ? TenantStatus.TRIAL : TenantStatus.parse(status),
            body.text("industry"),
            timeZone == null ? Tenant.DEFAULT_TIME_ZONE : Tenant.parseTimeZone(timeZone),
            Instant.now(),
            routingMode == null ? RoutingMode.PROXY : RoutingMode.parse(routingMode));
    Tenant created = tenants.create(tenant);
    ctx.status(HttpStatus.CREATED)
        .header("Location", "/api/v1/tenants/" + created.domain())
        .json(TenantView.of(created));
  }

  private void list(Context ctx) {
    var caller = dev.switchboard.console.web.Caller.of(ctx);
    ctx.json(
        tenants.list().stream()
            .filter(t -> caller.canSee(t.domain()))
            .map(TenantView::of)
            .toList());
  }

  private void get(Context ctx) {
    ctx.json(TenantView.of(tenants.get(ctx.pathParam("domain"))));
  }

  private void patch(Context ctx) {
    JsonBody body = JsonBody.parse(mapper, ctx.bodyAsBytes(), PATCH_FIELDS);
    Tenant t = tenants.get(ctx.pathParam("domain"));
    if (body.has("name")) {
      t = t.withName(body.requiredText("name"));
    }
    if (body.has("status")) {
      t = t.withStatus(TenantStatus.parse(body.requiredText("status")));
    }
    if (body.has("industry")) {
      t = t.withIndustry(body.text("industry"));
    }
    if (body.has("timeZone")) {
      t = t.withTimeZone(Tenant.parseTimeZone(body.requiredText("timeZone")));
    }
    if (body.has("routingMode")) {
      t = t.withRoutingMode(RoutingMode.parse(body.requiredText("routingMode")));
    }
    ctx.json(TenantView.of(tenants.update(t)));
  }

  private void delete(Context ctx) {
    tenants.delete(ctx.pathParam("domain"));
    ctx.status(HttpStatus.NO_CONTENT);
  }
}
