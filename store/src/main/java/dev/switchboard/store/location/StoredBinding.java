package dev.switchboard.store.location;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One registrar binding as a row: the contact and Path as header text, the flow it came over as
 * transport name and {@code host:port}. {@code path} is null when the registration had none.
 */
public record StoredBinding(
    String domain,
    String aor,
    String contact,
    int qMillis,
    Instant expiresAt,
    String callId,
    long cseq,
    String path,
    String transport,
    String sourceAddress,
    String userAgent,
    Instant updatedAt) {

  public StoredBinding {
    // The database keeps microseconds; trimming here makes a row read back equal to the one
    // written.
    expiresAt = expiresAt.truncatedTo(ChronoUnit.MICROS);
    updatedAt = updatedAt.truncatedTo(ChronoUnit.MICROS);
  }
}
