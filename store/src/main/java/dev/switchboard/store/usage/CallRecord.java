package dev.switchboard.store.usage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One row of the call log as stored: a call attempt of a tenant's domain.
 *
 * @param id the database id, or 0 for a record not yet stored
 * @param direction "internal", "outbound" or "inbound"
 * @param answerTime null when the call was never answered
 * @param status the final SIP status code of the call attempt
 * @param endedBy "caller", "callee" or "system"
 */
public record CallRecord(
    long id,
    String domain,
    String callId,
    String fromUri,
    String toUri,
    String direction,
    Instant setupTime,
    Instant answerTime,
    Instant endTime,
    long durationSeconds,
    int status,
    String endedBy) {

  public CallRecord {
    // The database keeps microseconds; truncating here makes a stored record equal its original.
    setupTime = micros(setupTime);
    answerTime = micros(answerTime);
    endTime = micros(endTime);
  }

  static Instant micros(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
  }
}
