package dev.switchboard.store.staff;

import dev.switchboard.store.InvalidValueException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a staff user may do in the console; a tenant admin is bound to exactly one tenant. */
public enum Role {
  ADMIN,
  MARKETING,
  SALES,
  SUCCESS,
  TENANT_ADMIN;

  /** The lower-case name used in JSON and in the database ({@code tenant_admin}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for the roles that work across all tenants (everyone but a tenant admin). */
  public boolean isStaffWide() {
    return this != TENANT_ADMIN;
  }

  public static Role parse(String text) {
    if (text != null) {
      for (Role r : values()) {
        if (r.wireName().equalsIgnoreCase(text.trim())) {
          return r;
        }
      }
    }
    throw new InvalidValueException(
        "role",
        "role must be one of "
            + Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", ")));
  }
}
