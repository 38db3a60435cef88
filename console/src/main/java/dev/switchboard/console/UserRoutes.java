package dev.switchboard.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.console.web.Caller;
import dev.switchboard.console.web.SessionStore;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.staff.Role;
import dev.switchboard.store.staff.StaffRepository;
import dev.switchboard.store.staff.StaffUser;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import java.util.Set;

/** {@code /api/v1/users}: staff users, for admins only (the gate's {@code RoleRule} says so). */
final class UserRoutes {

  private static final Set<String> CREATE_FIELDS =
      Set.of("email", "displayName", "password", "role", "tenant", "enabled");
  private static final Set<String> PATCH_FIELDS =
      Set.of("displayName", "password", "role", "tenant", "enabled");

  private final StaffRepository staff;
  private final SessionStore sessions;
  private final ObjectMapper mapper;

  UserRoutes(StaffRepository staff, SessionStore sessions, ObjectMapper mapper) {
    this.staff = staff;
    this.sessions = sessions;
    this.mapper = mapper;
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/users", this::list);
    routes.post("/api/v1/users", this::create);
    routes.patch("/api/v1/users/{email}", this::patch);
    routes.delete("/api/v1/users/{email}", this::delete);
  }

  private void list(Context ctx) {
    ctx.json(staff.list().stream().map(UserView::of).toList());
  }

  private void create(Context ctx) {
    JsonBody body = JsonBody.parse(mapper, ctx.bodyAsBytes(), CREATE_FIELDS);
    StaffUser user =
        StaffUser.create(
                body.requiredText("email"),
                body.text("displayName"),
                Role.parse(body.requiredText("role")),
                body.text("tenant"))
            .withEnabled(body.bool("enabled", true));
    StaffUser created = staff.create(user, body.requiredText("password"));
    ctx.status(HttpStatus.CREATED)
        .header("Location", "/api/v1/users/" + created.email())
        .json(UserView.of(created));
  }

  private void patch(Context ctx) {
    JsonBody body = JsonBody.parse(mapper, ctx.bodyAsBytes(), PATCH_FIELDS);
    StaffUser u = staff.get(ctx.pathParam("email"));
    if (body.has("displayName")) {
      u = u.withDisplayName(body.text("displayName"));
    }
    if (body.has("role") || body.has("tenant")) {
      Role role = body.has("role") ? Role.parse(body.requiredText("role")) : u.role();
      String tenant = body.has("tenant") ? body.text("tenant") : u.tenantDomain();
      u = u.withRole(role, role == Role.TENANT_ADMIN ? tenant : null);
    }
    if (body.has("enabled")) {
      u = u.withEnabled(body.bool("enabled", u.enabled()));
    }
    if (isSelf(ctx, u) && (u.role() != Role.ADMIN || !u.enabled())) {
      // An admin locking themselves out could leave nobody able to administer staff.
      throw new InvalidValueException("role", "you cannot demote or disable yourself");
    }
    Optional<String> password =
        body.has("password") ? Optional.of(body.requiredText("password")) : Optional.empty();
    StaffUser changed = staff.update(u, password);
    if (password.isPresent() || !changed.enabled() || body.has("role") || body.has("tenant")) {
      // A new password or narrower rights should not leave old sessions running elsewhere;
      // the caller's own session survives their own password change.
      closeOtherSessions(ctx, changed);
    }
    ctx.json(UserView.of(changed));
  }

  private void delete(Context ctx) {
    StaffUser u = staff.get(ctx.pathParam("email"));
    if (isSelf(ctx, u)) {
      throw new InvalidValueException("email", "you cannot remove yourself");
    }
    staff.delete(u.email());
    sessions.closeAll(u.id());
    ctx.status(HttpStatus.NO_CONTENT);
  }

  private static boolean isSelf(Context ctx, StaffUser u) {
    return Caller.of(ctx) instanceof Caller.Staff s && s.user().id() == u.id();
  }

  private void closeOtherSessions(Context ctx, StaffUser u) {
    if (Caller.of(ctx) instanceof Caller.Staff s && s.user().id() == u.id()) {
      String keep = s.session().id();
      sessions.closeAllExcept(u.id(), keep);
    } else {
      sessions.closeAll(u.id());
    }
  }
}
