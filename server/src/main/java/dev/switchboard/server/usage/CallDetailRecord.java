package dev.switchboard.server.usage;

import java.time.Duration;
import java.time.Instant;

/**
 * One call attempt through the proxy: who called whom, when it was set up, answered and ended, its
 * final SIP status and who hung up. {@code answerTime} is null for unanswered calls.
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
    EndedBy endedBy)
    implements UsageEvent {

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

  /** Talk time: from answer to end, zero when never answered. */
  public long durationSeconds() {
    return answerTime == null ? 0 : Math.max(0, Duration.between(answerTime, endTime).toSeconds());
  }
}
