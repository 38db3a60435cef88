package dev.switchboard.sip.transaction;

import dev.switchboard.sip.transport.Endpoint;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Completed state of finished non-INVITE server transactions over UDP (RFC 3261 §17.2.2, timer
 * J): only the final response's bytes and where they went, so a retransmitted request is answered
 * again while the request and the parsed messages are freed at once. Kept whole for the 32 s of
 * timer J, those were most of the heap under REGISTER load, and copying them made the young
 * collections long.
 */
final class CompletedEchoes {

  /** A final response as sent, and where it went. */
  record Echo(byte[] wire, Endpoint to) {}

  private final ConcurrentHashMap<TransactionKey, Echo> echoes = new ConcurrentHashMap<>();
  private final TimerService timers;

  CompletedEchoes(TimerService timers) {
    this.timers = timers;
  }

  /** Answers retransmissions of {@code key}'s request with {@code wire} for {@code wait}. */
  void keep(TransactionKey key, byte[] wire, Endpoint to, Duration wait) {
    Echo e = new Echo(wire, to);
    echoes.put(key, e);
    timers.schedule(wait, () -> echoes.remove(key, e));
  }

  /** The bytes to send again for a retransmission of {@code key}'s request, or null. */
  Echo find(TransactionKey key) {
    return echoes.get(key);
  }

  int size() {
    return echoes.size();
  }
}
