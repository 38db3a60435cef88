package dev.switchboard.console.web;

import io.javalin.http.Context;

/**
 * Writes and clears the session cookie with the flags that keep it from scripts and other sites.
 */
public final class SessionCookie {

  public static final String NAME = "sb_session";

  private final boolean alwaysSecure;

  /**
   * @param alwaysSecure true when browsers reach us only over https (an https public URL), so the
   *     cookie is {@code Secure} even when the last hop from a proxy was plain http
   */
  public SessionCookie(boolean alwaysSecure) {
    this.alwaysSecure = alwaysSecure;
  }

  /** No Max-Age: the cookie lives with the browser session, the server enforces the expiry. */
  public void set(Context ctx, Session session) {
    ctx.header("Set-Cookie", NAME + "=" + session.id() + attributes(ctx));
  }

  public void clear(Context ctx) {
    ctx.header("Set-Cookie", NAME + "=; Max-Age=0" + attributes(ctx));
  }

  /** The scheme is the browser's when a trusted proxy said so ({@code ForwardedByTrustedProxy}). */
  private String attributes(Context ctx) {
    boolean secure = alwaysSecure || "https".equals(ctx.scheme());
    return "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
  }
}
