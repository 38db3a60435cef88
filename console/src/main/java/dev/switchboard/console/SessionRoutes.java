package dev.switchboard.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.console.web.Caller;
import dev.switchboard.console.web.SessionCookie;
import dev.switchboard.console.web.SessionStore;
import dev.switchboard.console.web.SignInThrottle;
import dev.switchboard.store.staff.StaffRepository;
import dev.switchboard.store.staff.StaffUser;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.UnauthorizedResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** {@code /api/v1/session}: sign in, who am I (with the CSRF token), sign out. */
final class SessionRoutes {

  private static final Set<String> SIGN_IN_FIELDS = Set.of("email", "password");

  private final StaffRepository staff;
  private final SessionStore sessions;
  private final SignInThrottle throttle;
  private final ObjectMapper mapper;
  private final SessionCookie cookie;

  SessionRoutes(
      StaffRepository staff,
      SessionStore sessions,
      SignInThrottle throttle,
      ObjectMapper mapper,
      SessionCookie cookie) {
    this.staff = staff;
    this.sessions = sessions;
    this.throttle = throttle;
    this.mapper = mapper;
    this.cookie = cookie;
  }

  void register(RoutesConfig routes) {
    routes.post("/api/v1/session", this::signIn);
    routes.get("/api/v1/session", this::whoAmI);
    routes.delete("/api/v1/session", this::signOut);
  }

  private void signIn(Context ctx) {
    JsonBody body = JsonBody.parse(mapper, ctx.bodyAsBytes(), SIGN_IN_FIELDS);
    String email = body.requiredText("email");
    String password = body.requiredText("password");
    String address = ctx.ip();
    Optional<Duration> wait = throttle.retryAfter(email, address);
    if (wait.isPresent()) {
      long seconds = Math.max(1, wait.get().toSeconds());
      ctx.header("Retry-After", Long.toString(seconds));
      throw new HttpResponseException(
          HttpStatus.TOO_MANY_REQUESTS.getCode(),
          "too many failed sign-ins; try again in " + ((seconds + 59) / 60) + " minute(s)");
    }
    Optional<StaffUser> user = staff.authenticate(email, password);
    if (user.isEmpty()) {
      throttle.failed(email, address);
      throw new UnauthorizedResponse("wrong email or password, or the user is disabled");
    }
    throttle.succeeded(email);
    sessions.close(ctx.cookie(SessionCookie.NAME));
    var session = sessions.open(user.get().id());
    cookie.set(ctx, session);
    ctx.json(SessionView.of(new Caller.Staff(user.get(), session)));
  }

  private void whoAmI(Context ctx) {
    Caller caller = ctx.attribute(Caller.ATTRIBUTE);
    if (caller == null) {
      throw new UnauthorizedResponse("not signed in");
    }
    ctx.json(SessionView.of(caller));
  }

  private void signOut(Context ctx) {
    if (ctx.attribute(Caller.ATTRIBUTE) instanceof Caller.Staff s) {
      sessions.close(s.session().id());
    }
    cookie.clear(ctx);
    ctx.status(HttpStatus.NO_CONTENT);
  }
}
