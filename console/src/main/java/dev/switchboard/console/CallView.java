package dev.switchboard.console;

import dev.switchboard.store.usage.CallRecord;
import java.time.Instant;

/**
 * One call of a tenant's call log as the API shows it: talk time, how it was routed, who answered.
 */
record CallView(
    String callId,
    String from,
    String to,
    Instant setupTime,
    Instant answerTime,
    Instant endTime,
    long durationSeconds,
    int status,
    String endedBy,
    String direction,
    long durationMillis,
    String routing,
    String answeredBy,
    String referredBy) {

  static CallView of(CallRecord r) {
    return new CallView(
        r.callId(),
        r.fromUri(),
        r.toUri(),
        r.setupTime(),
        r.answerTime(),
        r.endTime(),
        r.durationSeconds(),
        r.status(),
        r.endedBy(),
        r.direction(),
        r.durationMillis(),
        r.routing(),
        r.answeredBy(),
        r.referredBy());
  }
}
