package dev.switchboard.console;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.switchboard.console.edge.BodyLimit;
import dev.switchboard.console.edge.EdgeErrors;
import dev.switchboard.console.edge.EdgeHandler;
import dev.switchboard.console.edge.ForwardedByTrustedProxy;
import dev.switchboard.console.edge.HttpSettings;
import dev.switchboard.console.http.ImportRunner;
import dev.switchboard.store.Database;
import dev.switchboard.store.DuplicateException;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.SqlErrors;
import dev.switchboard.store.StoreException;
import dev.switchboard.store.account.AccountImport;
import dev.switchboard.store.account.AccountRepository;
import dev.switchboard.store.pbx.MessageRepository;
import dev.switchboard.store.pbx.PbxRepository;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.usage.CallRecordRepository;
import dev.switchboard.store.usage.DailyUsageQuery;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import io.javalin.router.ParsedEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: tenants, accounts, imports, call log and registrations under {@code /api/v1}, plus
 * health and OpenAPI.
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

  private final Javalin app;
  private final ImportRunner<ImportJob> jobs;
  private final String host;

  private ApiServer(Javalin app, ImportRunner<ImportJob> jobs, String host) {
    this.app = app;
    this.jobs = jobs;
    this.host = host;
  }

  /** Starts the API on {@code host:port} (port 0: an ephemeral port, see {@link #port()}). */
  public static ApiServer start(String host, int port, Database db, AdminToken token) {
    return start(host, port, db, token, HttpSettings.DIRECT, NodeState.NONE);
  }

  /**
   * Starts the API, reached through {@code http}; {@code node} tells what the running node knows
   * beyond the database (who is registered, the SIP edge's security record, metrics).
   */
  public static ApiServer start(
      String host, int port, Database db, AdminToken token, HttpSettings http, NodeState node) {
    ObjectMapper mapper = objectMapper();
    TenantRepository tenants = new TenantRepository(db.jdbi());
    AccountRepository accounts = new AccountRepository(db.jdbi());
    AccountImport importer = new AccountImport(db.jdbi());
    ImportRunner<ImportJob> jobs = new ImportRunner<>("account-import", ImportJob::id);
    byte[] openApi = openApiDocument(mapper);
    String kind = db.settings().isEmbedded() ? "h2" : "postgresql";
    Javalin app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.startup.showOldJavalinVersionWarning = false;
              cfg.jetty.host = host;
              cfg.jetty.port = port;
              cfg.http.prefer405over404 = true;
              // The edge enforces each route's own limit; this is only Javalin's ceiling.
              cfg.http.maxRequestSize = BodyLimit.IMPORT;
              cfg.jetty.modifyServer(
                  server -> {
                    server.setHandler(new EdgeHandler());
                    server.setErrorHandler(new EdgeErrors());
                  });
              cfg.jetty.modifyHttpConfiguration(
                  hc -> {
                    hc.setSendServerVersion(false);
                    hc.addCustomizer(new ForwardedByTrustedProxy(http.trustedProxies()));
                  });
              cfg.http.defaultContentType = "application/json";
              cfg.jsonMapper(new JavalinJackson(mapper, false));
              ConsoleRoutes.register(cfg, db, token, mapper, tenants, http);
              cfg.routes.get(
                  "/health",
                  ctx -> {
                    db.jdbi().withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
                    ctx.json(Map.of("status", "ok", "database", kind));
                  });
              cfg.routes.get(
                  "/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
              new TenantRoutes(tenants, mapper).register(cfg.routes);
              new AccountRoutes(accounts, mapper).register(cfg.routes);
              new VoicemailRoutes(tenants, accounts, node.voicemail(), mapper).register(cfg.routes);
              new IvrMenuRoutes(tenants, node.ivrMenus(), mapper).register(cfg.routes);
              new HoldMusicRoutes(tenants, node.holdMusic()).register(cfg.routes);
              new DailyUsageRoutes(tenants, new DailyUsageQuery(db.jdbi()), node::mediaBytes)
                  .register(cfg.routes);
              new ConferenceRoomRoutes(tenants, node.conferenceRooms(), node.conferences(), mapper)
                  .register(cfg.routes);
              new FeatureCodeRoutes(new PbxRepository(db.jdbi()), mapper).register(cfg.routes);
              new PbxRoutes(new PbxRepository(db.jdbi()), mapper).register(cfg.routes);
              new ImportRoutes(importer, jobs, tenants).register(cfg.routes);
              new UsageRoutes(
                      tenants,
                      new CallRecordRepository(db.jdbi()),
                      node.registrations(),
                      node.lines(),
                      new MessageRepository(db.jdbi()),
                      Clock.systemUTC())
                  .register(cfg.routes);
              new SecurityRoutes(node.security(), Clock.systemUTC()).register(cfg.routes);
              cfg.routes.get(
                  "/metrics",
                  ctx -> {
                    String auth = ctx.header("Authorization");
                    String bearer =
                        auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
                            ? auth.substring(7)
                            : null;
                    if (!token.matches(bearer)) {
                      // Prometheus sends the token as a bearer credential; nobody else reads this.
                      throw new io.javalin.http.UnauthorizedResponse("bearer token required");
                    }
                    ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(node.prometheus().get());
                  });
              cfg.routes.exception(StoreException.class, ApiServer::storeError);
              cfg.routes.exception(HttpResponseException.class, ApiServer::httpError);
              cfg.routes.exception(Exception.class, ApiServer::internalError);
            });
    try {
      app.start();
    } catch (RuntimeException e) {
      jobs.close();
      throw e;
    }
    return new ApiServer(app, jobs, host);
  }

  /** The port actually bound. */
  public int port() {
    return app.port();
  }

  /** The base URL clients on this machine can use. */
  public String url() {
    String h = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    return "http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port();
  }

  /** Every registered endpoint as {@code "METHOD /path"}, for checking the OpenAPI description. */
  public List<String> routes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .map((ParsedEndpoint p) -> p.endpoint)
        .filter(e -> HTTP_METHODS.contains(e.method.name()))
        .map(e -> e.method.name() + " " + e.path)
        .sorted()
        .toList();
  }

  @Override
  public void close() {
    app.stop();
    jobs.close();
  }

  /**
   * The API's JSON mapper: java.time as ISO text, trailing tokens after a body refused, a null
   * inside a list or map of a bound body refused.
   */
  public static ObjectMapper objectMapper() {
    ObjectMapper mapper =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    // A null inside a list or map of a bound body is refused here, not met later as a crash.
    mapper.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
    return mapper;
  }

  private static void storeError(StoreException e, Context ctx) {
    HttpStatus status =
        e instanceof NotFoundException
            ? HttpStatus.NOT_FOUND
            : e instanceof DuplicateException ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
    ctx.status(status).json(new ApiError(e.getMessage(), e.field()));
  }

  private static void httpError(HttpResponseException e, Context ctx) {
    if (!dev.switchboard.console.web.ConsoleSite.isApi(ctx.path())) {
      dev.switchboard.console.web.ConsoleSite.errorPage(ctx, e.getStatus());
      return;
    }
    String message =
        switch (e.getStatus()) {
          case 404 -> "no such route: " + ctx.method() + " " + ctx.path();
          case 405 -> "method " + ctx.method() + " not allowed on " + ctx.path();
          case 413 -> "request body too large";
          default -> e.getMessage();
        };
    ctx.status(e.getStatus()).json(new ApiError(message, null));
  }

  private static void internalError(Exception e, Context ctx) {
    if (SqlErrors.isDataException(e) || SqlErrors.isUniqueViolation(e)) {
      // A value the code should have refused reached the database; still the caller's input.
      LOG.warn("{} {}: the database refused a value: {}", ctx.method(), ctx.path(), e.toString());
      boolean duplicate = SqlErrors.isUniqueViolation(e);
      storeError(
          duplicate
              ? new DuplicateException(null, "that already exists")
              : new InvalidValueException(null, "a value is out of the range that can be stored"),
          ctx);
      return;
    }
    Integer refused = refusedByJetty(e);
    if (refused != null) {
      ctx.status(refused)
          .json(
              new ApiError(refused == 413 ? "request body too large" : "malformed request", null));
      return;
    }
    LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
    if (!dev.switchboard.console.web.ConsoleSite.isApi(ctx.path())) {
      dev.switchboard.console.web.ConsoleSite.errorPage(ctx, 500);
      return;
    }
    ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).json(new ApiError("internal error", null));
  }

  /** The 4xx status Jetty failed a body read with (over the edge's limit, bad chunking). */
  private static Integer refusedByJetty(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof HttpException h && h.getCode() >= 400 && h.getCode() < 500) {
        return h.getCode();
      }
    }
    return null;
  }

  private static byte[] openApiDocument(ObjectMapper mapper) {
    try {
      return mapper.writeValueAsBytes(OpenApiDocument.load(mapper));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
