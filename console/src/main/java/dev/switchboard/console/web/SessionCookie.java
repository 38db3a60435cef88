package dev.switchboard.console.web;

import io.javalin.http.Context;

/**
 * Writes and clears the session cookie with the flags that keep it from scripts and other sites.
 */
public final class SessionCookie {

  public static final String NAME = "sb_session";

  private SessionCookie() {}

  /** No Max-Age: the cookie lives with the browser session, the server enforces the expiry. */
  public static void set(Context ctx, Session session) {
    ctx.header("Set-Cookie", NAME + "=" + session.id() + attributes(ctx));
  }

  public static void clear(Context ctx) {
    ctx.header("Set-Cookie", NAME + "=; Max-Age=0" + attributes(ctx));
  }

  private static String attributes(Context ctx) {
    return "; Path=/; HttpOnly; SameSite=Strict" + ("https".equals(ctx.scheme()) ? "; Secure" : "");
  }
}
