package dev.switchboard.store.staff;

import dev.switchboard.store.InvalidValueException;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A person who signs in to the console; carries no password (see {@link StaffRepository}).
 *
 * @param id database id, 0 before insertion
 * @param tenantDomain the tenant a {@link Role#TENANT_ADMIN} administers, null for other roles
 */
public record StaffUser(
    long id,
    String email,
    String displayName,
    Role role,
    String tenantDomain,
    boolean enabled,
    Instant createdAt) {

  /** Deliberately loose: one {@code @}, something on both sides, a dot in the domain. */
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

  public StaffUser {
    email = normaliseEmail(email);
    if (displayName == null || displayName.isBlank()) {
      displayName = email;
    }
    displayName = displayName.strip();
    if (displayName.length() > 128) {
      throw new InvalidValueException("displayName", "displayName is longer than 128 characters");
    }
    if (role == null) {
      throw new InvalidValueException("role", "role is required");
    }
    if (role == Role.TENANT_ADMIN && (tenantDomain == null || tenantDomain.isBlank())) {
      throw new InvalidValueException("tenant", "a tenant_admin needs a tenant");
    }
    if (role != Role.TENANT_ADMIN && tenantDomain != null) {
      throw new InvalidValueException("tenant", "only a tenant_admin is bound to a tenant");
    }
    tenantDomain = tenantDomain == null ? null : tenantDomain.strip().toLowerCase(Locale.ROOT);
  }

  /** A new enabled user, not yet stored. */
  public static StaffUser create(String email, String displayName, Role role, String tenant) {
    return new StaffUser(0, email, displayName, role, tenant, true, Instant.now());
  }

  public StaffUser withDisplayName(String name) {
    return new StaffUser(id, email, name, role, tenantDomain, enabled, createdAt);
  }

  public StaffUser withRole(Role newRole, String tenant) {
    return new StaffUser(id, email, displayName, newRole, tenant, enabled, createdAt);
  }

  public StaffUser withEnabled(boolean on) {
    return new StaffUser(id, email, displayName, role, tenantDomain, on, createdAt);
  }

  /** Lower-cases and checks an e-mail address; throws {@link InvalidValueException} if bad. */
  public static String normaliseEmail(String email) {
    if (email == null || email.isBlank()) {
      throw new InvalidValueException("email", "email is required");
    }
    String e = email.strip().toLowerCase(Locale.ROOT);
    if (e.length() > 254 || !EMAIL.matcher(e).matches()) {
      throw new InvalidValueException("email", "email is not an e-mail address");
    }
    return e;
  }
}
