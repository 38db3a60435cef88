package dev.switchboard.console;

import dev.switchboard.console.web.Caller;
import java.time.Instant;

/**
 * Who is calling, as {@code GET /api/v1/session} shows it.
 *
 * @param via {@code session} or {@code token}
 * @param csrfToken to echo in {@code X-CSRF-Token} on writes; null for the bearer token
 */
record SessionView(
    String via,
    String email,
    String displayName,
    String role,
    String tenant,
    String csrfToken,
    Instant expiresAt) {

  static SessionView of(Caller caller) {
    if (caller instanceof Caller.Staff s) {
      return new SessionView(
          "session",
          s.user().email(),
          s.user().displayName(),
          s.role().wireName(),
          s.tenant(),
          s.session().csrfToken(),
          s.session().expiresAt());
    }
    return new SessionView("token", null, "operator", caller.role().wireName(), null, null, null);
  }
}
