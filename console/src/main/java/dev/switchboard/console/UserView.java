package dev.switchboard.console;

import dev.switchboard.store.staff.StaffUser;
import java.time.Instant;

/** A staff user as the API shows it: never a password or its hash. */
record UserView(
    String email,
    String displayName,
    String role,
    String tenant,
    boolean enabled,
    Instant createdAt) {

  static UserView of(StaffUser u) {
    return new UserView(
        u.email(),
        u.displayName(),
        u.role().wireName(),
        u.tenantDomain(),
        u.enabled(),
        u.createdAt());
  }
}
