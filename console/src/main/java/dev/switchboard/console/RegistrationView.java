package dev.switchboard.console;

import dev.switchboard.store.usage.ActiveBinding;
import java.time.Instant;

/** One registered contact of a tenant as the API shows it. */
record RegistrationView(
    String aor, String contact, String transport, String userAgent, Instant expiresAt) {

  static RegistrationView of(ActiveBinding b) {
    return new RegistrationView(b.aor(), b.contact(), b.transport(), b.userAgent(), b.expiresAt());
  }
}
