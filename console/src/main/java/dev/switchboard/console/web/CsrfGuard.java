package dev.switchboard.console.web;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Requires a session's CSRF token in {@code X-CSRF-Token} on every state-changing request: a
 * cross-site form cannot set that header, and SameSite=Strict is a second, independent barrier.
 */
public final class CsrfGuard {

  public static final String HEADER = "X-CSRF-Token";
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

  private CsrfGuard() {}

  static boolean isSafe(String method) {
    return SAFE.contains(method);
  }

  /** Throws 403 unless the method is safe or the header carries {@code session}'s token. */
  static void check(Context ctx, Session session) {
    if (isSafe(ctx.method().name())) {
      return;
    }
    String presented = ctx.header(HEADER);
    if (presented == null
        || !MessageDigest.isEqual(
            presented.getBytes(StandardCharsets.UTF_8),
            session.csrfToken().getBytes(StandardCharsets.UTF_8))) {
      throw new ForbiddenResponse("missing or wrong " + HEADER + " header");
    }
  }
}
