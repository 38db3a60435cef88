package dev.switchboard.console.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.util.Map;

/**
 * The console's single-page app: static files from {@code /web} on the classpath at {@code /},
 * uPlot from its WebJar at {@code /webjars/}, and a plain error page for anything not under the
 * API.
 */
public final class ConsoleSite {

  /**
   * A strict policy: only our own scripts and styles, so an injected string cannot become script;
   * 'unsafe-inline' styles are allowed because uPlot sizes its canvas with inline styles.
   */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self';"
          + " form-action 'self'";

  private ConsoleSite() {}

  public static void configure(JavalinConfig cfg) {
    Map<String, String> headers =
        Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "same-origin",
            "Cache-Control", "no-cache");
    // From directories, not the classpath: see ConsoleFiles.
    String web = ConsoleFiles.directory("web", "index.html").toString();
    String webjars = ConsoleFiles.directory("META-INF/resources/webjars", "uplot").toString();
    cfg.staticFiles.add(
        sf -> {
          sf.hostedPath = "/";
          sf.directory = web;
          sf.location = Location.EXTERNAL;
          sf.headers = headers;
        });
    cfg.staticFiles.add(
        sf -> {
          sf.hostedPath = "/webjars";
          sf.directory = webjars;
          sf.location = Location.EXTERNAL;
          // Versioned paths: a year's caching, as Javalin's own WebJar handler sets.
          sf.headers = Map.of("Cache-Control", "max-age=31622400");
        });
  }

  /** True for paths whose errors are JSON (the API, health, OpenAPI); the rest get a page. */
  public static boolean isApi(String path) {
    return path.startsWith("/api/") || path.equals("/api") || path.equals("/health");
  }

  /** A short HTML page that says what happened and links home; no stack trace, no detail. */
  public static void errorPage(Context ctx, int status) {
    ctx.status(status)
        .contentType("text/html; charset=utf-8")
        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .result(errorPageHtml(status));
  }

  /** The page {@link #errorPage} sends, also for errors Jetty answers before any route. */
  public static String errorPageHtml(int status) {
    String title =
        switch (status) {
          case 400 -> "Bad request";
          case 404 -> "Not found";
          case 405 -> "Method not allowed";
          case 413 -> "Request too large";
          case 414 -> "Address too long";
          case 431 -> "Headers too large";
          case 500 -> "Internal error";
          default -> "Error";
        };
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + status
        + " "
        + title
        + "</title></head><body><h1>"
        + status
        + " "
        + title
        + "</h1><p><a href=\"/\">Switchboard console</a></p></body></html>";
  }
}
