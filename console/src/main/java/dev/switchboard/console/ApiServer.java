package dev.switchboard.console;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.switchboard.store.Database;
import dev.switchboard.store.DuplicateException;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.StoreException;
import dev.switchboard.store.account.AccountImport;
import dev.switchboard.store.account.AccountRepository;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.usage.BindingQuery;
import dev.switchboard.store.usage.CallRecordRepository;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: tenants, accounts, imports, call log and registrations under {@code /api/v1}, plus
 * health and OpenAPI.
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

  /** Large enough for a CSV of 100,000 accounts with room to spare. */
  private static final long MAX_REQUEST_BYTES = 64L * 1024 * 1024;

  private final Javalin app;
  private final ImportJobs jobs;
  private final String host;

  private ApiServer(Javalin app, ImportJobs jobs, String host) {
    this.app = app;
    this.jobs = jobs;
    this.host = host;
  }

  /** Starts the API on {@code host:port} (port 0: an ephemeral port, see {@link #port()}). */
  public static ApiServer start(String host, int port, Database db, AdminToken token) {
    ObjectMapper mapper = objectMapper();
    TenantRepository tenants = new TenantRepository(db.jdbi());
    AccountRepository accounts = new AccountRepository(db.jdbi());
    AccountImport importer = new AccountImport(db.jdbi());
    ImportJobs jobs = new ImportJobs(importer);
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
              cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
              cfg.http.defaultContentType = "application/json";
              cfg.jsonMapper(new JavalinJackson(mapper, false));
              ConsoleRoutes.register(cfg, db, token, mapper, tenants);
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
              new ImportRoutes(importer, jobs, tenants).register(cfg.routes);
              new UsageRoutes(
                      tenants,
                      new CallRecordRepository(db.jdbi()),
                      new BindingQuery(db.jdbi()),
                      Clock.systemUTC())
                  .register(cfg.routes);
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

  /** The API's JSON mapper: java.time as ISO text, trailing tokens after a body refused. */
  public static ObjectMapper objectMapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
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
    LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
    if (!dev.switchboard.console.web.ConsoleSite.isApi(ctx.path())) {
      dev.switchboard.console.web.ConsoleSite.errorPage(ctx, 500);
      return;
    }
    ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).json(new ApiError("internal error", null));
  }

  private static byte[] openApiDocument(ObjectMapper mapper) {
    try {
      return mapper.writeValueAsBytes(OpenApiDocument.load(mapper));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
