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
 * @param durationMillis talk time in milliseconds, not rounded ({@code durationSeconds} is it cut
 *     to whole seconds)
 * @param routing how the call reached who answered it: "direct", "forwarded", "group", "pickup" or
 *     "transfer"
 * @param answeredBy the address of record that answered, or null
 * @param referredBy the Referred-By of a transferred call, or null
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
    String endedBy,
    long durationMillis,
    String routing,
    String answeredBy,
    String referredBy) {

  /** A record of a direct call whose talk time is known to the second only. */
  public CallRecord(
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
    this(
        id,
        domain,
        callId,
        fromUri,
        toUri,
        direction,
        setupTime,
        answerTime,
        endTime,
        durationSeconds,
        status,
        endedBy,
        durationSeconds * 1000,
        "direct",
        null,
        null);
  }

  public CallRecord {
    routing = routing == null ? "direct" : routing;
    // The database keeps microseconds; truncating here makes a stored record equal its original.
    setupTime = micros(setupTime);
    answerTime = micros(answerTime);
    endTime = micros(endTime);
  }

  static Instant micros(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
  }
}
