package dev.switchboard.sip.transaction;

import java.time.Duration;
import java.util.Objects;

/**
 * The RFC 3261 §17 timer values (Table 4) with RFC 6026's Timers L and M, for unreliable
 * transports; the {@code (reliable)} accessors give the values over reliable ones.
 *
 * @param t1 round-trip estimate, 500 ms
 * @param t2 retransmission cap for non-INVITE requests and INVITE responses, 4 s
 * @param t4 how long a message lingers in the network, 5 s
 * @param timerB INVITE client transaction timeout, 64*T1
 * @param timerD wait for response retransmissions in the INVITE client, 32 s (0 reliable)
 * @param timerF non-INVITE client transaction timeout, 64*T1
 * @param timerH wait for ACK at the INVITE server, 64*T1
 * @param timerI wait for ACK retransmissions at the INVITE server, T4 (0 reliable)
 * @param timerJ wait for request retransmissions at the non-INVITE server, 64*T1 (0 reliable)
 * @param timerK wait for response retransmissions at the non-INVITE client, T4 (0 reliable)
 * @param timerL wait for 2xx retransmissions from the TU and ACKs in Accepted (server), 64*T1
 * @param timerM wait for 2xx retransmissions in Accepted (client), 64*T1
 * @param autoTrying how long an INVITE server transaction waits for the TU before sending 100
 *     Trying itself (RFC 3261 §17.2.1 suggests 200 ms); zero sends it at once, null never
 */
public record TimerConfig(
    Duration t1,
    Duration t2,
    Duration t4,
    Duration timerB,
    Duration timerD,
    Duration timerF,
    Duration timerH,
    Duration timerI,
    Duration timerJ,
    Duration timerK,
    Duration timerL,
    Duration timerM,
    Duration autoTrying) {

  public static final TimerConfig DEFAULT =
      of(Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(5));

  public TimerConfig {
    for (Duration d :
        new Duration[] {
          t1, t2, t4, timerB, timerD, timerF, timerH, timerI, timerJ, timerK, timerL, timerM
        }) {
      Objects.requireNonNull(d, "timer values must not be null");
      if (d.isNegative()) {
        throw new IllegalArgumentException("negative timer value " + d);
      }
    }
    if (t1.isZero() || t2.isZero()) {
      throw new IllegalArgumentException("T1 and T2 must be positive");
    }
    if (autoTrying != null && autoTrying.isNegative()) {
      throw new IllegalArgumentException("negative autoTrying " + autoTrying);
    }
  }

  /** The RFC 3261 values derived from T1, T2 and T4; Timer D stays at 32 s. */
  public static TimerConfig of(Duration t1, Duration t2, Duration t4) {
    Duration t64 = t1.multipliedBy(64);
    return new TimerConfig(
        t1,
        t2,
        t4,
        t64,
        Duration.ofSeconds(32),
        t64,
        t64,
        t4,
        t64,
        t4,
        t64,
        t64,
        Duration.ofMillis(200));
  }

  public TimerConfig withAutoTrying(Duration delay) {
    return new TimerConfig(
        t1, t2, t4, timerB, timerD, timerF, timerH, timerI, timerJ, timerK, timerL, timerM, delay);
  }

  public Duration timerD(boolean reliable) {
    return reliable ? Duration.ZERO : timerD;
  }

  public Duration timerI(boolean reliable) {
    return reliable ? Duration.ZERO : timerI;
  }

  public Duration timerJ(boolean reliable) {
    return reliable ? Duration.ZERO : timerJ;
  }

  public Duration timerK(boolean reliable) {
    return reliable ? Duration.ZERO : timerK;
  }
}
