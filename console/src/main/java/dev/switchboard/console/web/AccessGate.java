package dev.switchboard.console.web;

import dev.switchboard.console.AdminToken;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.staff.StaffRepository;
import dev.switchboard.store.staff.StaffUser;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The one door to {@code /api/v1}: identifies the caller by bearer token or session cookie, checks
 * the CSRF token of a session's writes, then applies the {@link RoleRule}.
 */
public final class AccessGate {

  private static final String PREFIX = "/api/v1/";

  private final AdminToken token;
  private final SessionStore sessions;
  private final StaffRepository staff;

  public AccessGate(AdminToken token, SessionStore sessions, StaffRepository staff) {
    this.token = token;
    this.sessions = sessions;
    this.staff = staff;
  }

  /** The before-handler for {@code /api/v1/*}. */
  public void check(Context ctx) {
    List<String> segments = segments(ctx.path());
    if (segments.equals(List.of("session"))) {
      // Signing in needs no caller; reading or ending a session needs one, found if present.
      identify(ctx).ifPresent(c -> admit(ctx, c));
      return;
    }
    Caller caller = identify(ctx).orElseThrow(() -> unauthorized(ctx));
    admit(ctx, caller);
    switch (RoleRule.decide(caller, ctx.method().name(), segments)) {
      case ALLOW -> {}
      case FORBIDDEN -> throw new ForbiddenResponse("your role may not do this");
      case HIDDEN ->
          throw new NotFoundException("domain", "no tenant with domain " + domain(segments));
    }
  }

  /** The bearer-token operator, or the user of a live session; a wrong bearer token is a 401. */
  Optional<Caller> identify(Context ctx) {
    String header = ctx.header("Authorization");
    if (header != null) {
      String presented =
          header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7) : null;
      if (presented == null || !token.matches(presented)) {
        throw unauthorized(ctx);
      }
      return Optional.of(new Caller.Operator());
    }
    return sessions
        .touch(ctx.cookie(SessionCookie.NAME))
        .flatMap(
            s -> {
              // Re-read the user on every request, so disabling or demoting takes effect at once.
              Optional<StaffUser> user = staff.findById(s.userId()).filter(StaffUser::enabled);
              if (user.isEmpty()) {
                sessions.close(s.id());
              }
              return user.map(u -> (Caller) new Caller.Staff(u, s));
            });
  }

  private static void admit(Context ctx, Caller caller) {
    if (caller instanceof Caller.Staff s) {
      CsrfGuard.check(ctx, s.session());
    }
    ctx.attribute(Caller.ATTRIBUTE, caller);
  }

  static UnauthorizedResponse unauthorized(Context ctx) {
    ctx.header("WWW-Authenticate", "Bearer");
    return new UnauthorizedResponse("sign in, or present the admin bearer token");
  }

  private static String domain(List<String> segments) {
    return segments.size() > 1 ? segments.get(1) : "";
  }

  /** The decoded path segments after {@code /api/v1/}. */
  static List<String> segments(String path) {
    String decoded;
    try {
      decoded = URI.create(path).getPath();
    } catch (IllegalArgumentException e) {
      decoded = path;
    }
    if (!decoded.startsWith(PREFIX)) {
      return List.of();
    }
    return Arrays.stream(decoded.substring(PREFIX.length()).split("/"))
        .filter(s -> !s.isEmpty())
        .toList();
  }
}
