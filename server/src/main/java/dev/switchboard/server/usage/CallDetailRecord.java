package dev.switchboard.server.usage;

import java.time.Duration;
import java.time.Instant;

/**
 * One call attempt through the proxy: who called whom, when it was set up, answered and ended, its
 * final SIP status and who hung up. {@code answerTime} is null for unanswered calls.
 *
 * @param toUri the address of record called ({@code sip:1002@a.test}, no parameters)
 * @param routing how the call reached who answered it
 * @param answeredBy the address of record of the extension that answered, or null
 * @param referredBy the Referred-By of a call made by a transfer, or null
 */
public record CallDetailRecord(
    String domain,
    String callId,
    String fromUri,
    String toUri,
    Direction direction,
    Instant setupTime,
    Instant answerTime,
    Instant endTime,
    int status,
    EndedBy endedBy,
    Routing routing,
    String answeredBy,
    String referredBy)
    implements UsageEvent {

  /** A direct call, nobody known to have answered by address of record. */
  public CallDetailRecord(
      String domain,
      String callId,
      String fromUri,
      String toUri,
      Direction direction,
      Instant setupTime,
      Instant answerTime,
      Instant endTime,
      int status,
      EndedBy endedBy) {
    this(
        domain,
        callId,
        fromUri,
        toUri,
        direction,
        setupTime,
        answerTime,
        endTime,
        status,
        endedBy,
        Routing.DIRECT,
        null,
        null);
  }

  /** How a call reached who answered it. */
  public enum Routing {
    DIRECT,
    FORWARDED,
    GROUP,
    PICKUP,
    TRANSFER
  }

  /** Seen from the tenant named by {@code domain}. */
  public enum Direction {
    INTERNAL,
    OUTBOUND,
    INBOUND
  }

  /** Who ended the call: a BYE from either side, a CANCEL, a failure, or the proxy's own timer. */
  public enum EndedBy {
    CALLER,
    CALLEE,
    SYSTEM
  }

  @Override
  public Instant occurredAt() {
    return endTime;
  }

  /**
   * Talk time in whole seconds (cut, not rounded): from answer to end, zero when never answered.
   */
  public long durationSeconds() {
    return durationMillis() / 1000;
  }

  /** Talk time in milliseconds, zero when never answered. */
  public long durationMillis() {
    return answerTime == null ? 0 : Math.max(0, Duration.between(answerTime, endTime).toMillis());
  }
}
