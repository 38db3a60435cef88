package dev.switchboard.console.web;

import dev.switchboard.store.staff.Role;
import java.util.List;

/**
 * Which role may do what under {@code /api/v1}, decided from the method and path alone so that
 * every route, including ones added later, is covered; anything not named here is admin-only.
 *
 * <ul>
 *   <li>admin: everything;
 *   <li>marketing, sales, success: read tenants and everything under a tenant, no writes, no staff
 *       administration;
 *   <li>tenant admin: read and write under their own tenant, read their own tenant record; any
 *       other tenant is answered as if it did not exist.
 * </ul>
 */
public final class RoleRule {

  private RoleRule() {}

  /** {@code segments}: the path after {@code /api/v1/}, split on {@code /}. */
  public static Access decide(Caller caller, String method, List<String> segments) {
    Role role = caller.role();
    if (role == Role.ADMIN) {
      return Access.ALLOW;
    }
    boolean safe = CsrfGuard.isSafe(method);
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
