package dev.switchboard.console.web;

import dev.switchboard.store.staff.Role;
import dev.switchboard.store.staff.StaffUser;
import io.javalin.http.Context;
import java.util.Locale;

/** Who is making an API request: the operator with the bearer token, or a signed-in user. */
public sealed interface Caller {

  /** The request attribute under which the {@link AccessGate} leaves the caller. */
  String ATTRIBUTE = "switchboard.caller";

  Role role();

  /** The tenant a tenant admin is bound to, else null. */
  String tenant();

  /** True when this caller may read {@code domain}'s data. */
  default boolean canSee(String domain) {
    return role().isStaffWide()
        || (domain != null && tenant().equals(domain.strip().toLowerCase(Locale.ROOT)));
  }

  /** The caller the gate let through; only routes behind the gate may ask. */
  static Caller of(Context ctx) {
    Caller c = ctx.attribute(ATTRIBUTE);
    if (c == null) {
      throw new IllegalStateException("no caller on " + ctx.path() + ": route not behind the gate");
    }
    return c;
  }

  /** The holder of the admin bearer token: an admin without a session or CSRF token. */
  record Operator() implements Caller {
    @Override
    public Role role() {
      return Role.ADMIN;
    }

    @Override
    public String tenant() {
      return null;
    }
  }

  /** A staff user signed in through {@code POST /api/v1/session}. */
  record Staff(StaffUser user, Session session) implements Caller {
    @Override
    public Role role() {
      return user.role();
    }

    @Override
    public String tenant() {
      return user.tenantDomain();
    }
  }
}
