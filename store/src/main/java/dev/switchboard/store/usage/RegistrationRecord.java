package dev.switchboard.store.usage;

import java.time.Instant;

/**
 * One stored change of a registration binding.
 *
 * @param id the database id, or 0 for a record not yet stored
 * @param kind "added", "refreshed", "removed" or "expired"
 */
public record RegistrationRecord(
    long id,
    String domain,
    String aor,
    String contact,
    String kind,
    Instant occurredAt,
    String transport,
    String sourceAddress,
    String userAgent) {

  public RegistrationRecord {
    occurredAt = CallRecord.micros(occurredAt);
  }
}
