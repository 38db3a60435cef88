package dev.switchboard.server.usage;

import java.time.Instant;

/** A binding was added, refreshed, removed or expired at the registrar. */
public record RegistrationEvent(
    String domain,
    String aor,
    String contact,
    Kind kind,
    Instant occurredAt,
    String transport,
    String sourceAddress,
    String userAgent)
    implements UsageEvent {

  /** What happened to the binding. */
  public enum Kind {
    ADDED,
    REFRESHED,
    REMOVED,
    EXPIRED
  }
}
