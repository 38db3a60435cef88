package dev.switchboard.console.web;

import dev.switchboard.store.staff.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which role may do what under {@code /api/v1}, decided from the method and path alone so that
 * every route, including ones added later, is covered; anything not named here is admin-only.
 *
 * <ul>
 *   <li>admin: everything;
 *   <li>marketing, sales, success: read tenants and everything under a tenant, no writes, no staff
 *       administration; read every department ({@code billing}, {@code metrics}, {@code marketing},
 *       {@code sales}, {@code success}, {@code help}) and write their own;
 *   <li>tenant admin: read and write under their own tenant, read their own tenant record; any
 *       other tenant is answered as if it did not exist; read the help center.
 * </ul>
 */
public final class RoleRule {

  /**
   * The business departments' first path segments and the roles that may write there. Every
   * staff-wide role may read them all (the departments share one picture of each customer); a
   * tenant admin may read only the help center.
   */
  private static final Map<String, Set<Role>> DEPARTMENT_WRITERS =
      Map.of(
          "billing", Set.of(Role.SALES),
          "metrics", Set.of(),
          "marketing", Set.of(Role.MARKETING, Role.SALES),
          "sales", Set.of(Role.SALES),
          "success", Set.of(Role.SUCCESS),
          "help", Set.of(Role.SUCCESS));

  private RoleRule() {}

  private static Access department(Role role, boolean safe, String first) {
    if (role == Role.TENANT_ADMIN) {
      return safe && first.equals("help") ? Access.ALLOW : Access.FORBIDDEN;
    }
    return safe || DEPARTMENT_WRITERS.get(first).contains(role) ? Access.ALLOW : Access.FORBIDDEN;
  }

  /** {@code segments}: the path after {@code /api/v1/}, split on {@code /}. */
  public static Access decide(Caller caller, String method, List<String> segments) {
    Role role = caller.role();
    if (role == Role.ADMIN) {
      return Access.ALLOW;
    }
    boolean safe = CsrfGuard.isSafe(method);
    if (!segments.isEmpty() && DEPARTMENT_WRITERS.containsKey(segments.get(0))) {
      return department(role, safe, segments.get(0));
    }
    if (segments.isEmpty() || !segments.get(0).equals("tenants")) {
      return Access.FORBIDDEN; // users and anything unknown: admin only
    }
    if (segments.size() == 1) {
      // the list is filtered to what the caller may see; creating tenants is for admins
      return safe ? Access.ALLOW : Access.FORBIDDEN;
    }
    String domain = segments.get(1);
    if (!caller.canSee(domain)) {
      return Access.HIDDEN;
    }
    if (safe) {
      return Access.ALLOW;
    }
    // Writes under their own tenant (extensions, imports); not the tenant record itself, whose
    // status and name are the operator's business.
    return role == Role.TENANT_ADMIN && segments.size() > 2 ? Access.ALLOW : Access.FORBIDDEN;
  }
}
