package dev.switchboard.server.edge;

import dev.switchboard.store.security.SecurityBlock;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The senders refused for now: whole addresses, or one address for one account. A key blocked again
 * within a day of its last block is blocked twice as long (up to a ceiling), so a patient guesser
 * slows down geometrically while a phone with a typo recovers in a minute.
 */
final class Blocks {
  private static final Duration MEMORY = Duration.ofDays(1);

  /** A block and the history that sets the length of the next one. */
  private record Entry(SecurityBlock block, Instant forgetAt) {}

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final Clock clock;
  private final SecurityLog log;

  Blocks(Clock clock, SecurityLog log) {
    this.clock = clock;
    this.log = log;
  }

  static String key(InetAddress source, String subject) {
    return source.getHostAddress() + (subject == null ? "" : "|" + subject);
  }

  /** The block in force for {@code key} at {@code now}, or null. */
  SecurityBlock active(String key, Instant now) {
    Entry e = entries.get(key);
    return e != null && now.isBefore(e.block().until()) ? e.block() : null;
  }

  /**
   * Blocks {@code key} for {@code base}, doubled per earlier block still remembered, at most {@code
   * max}; records the event. Returns the block (an already active one is kept).
   */
  SecurityBlock block(
      String key,
      String kind,
      InetAddress source,
      String subject,
      String reason,
      Duration base,
      Duration max) {
    Instant now = clock.instant();
    SecurityBlock[] made = {null};
    Entry e =
        entries.compute(
            key,
            (k, old) -> {
              if (old != null && now.isBefore(old.block().until())) {
                return old;
              }
              int strikes =
                  old != null && now.isBefore(old.forgetAt()) ? old.block().strikes() + 1 : 1;
              Duration length = base.multipliedBy(1L << Math.min(strikes - 1, 20));
              if (length.compareTo(max) > 0) {
                length = max;
              }
              made[0] =
                  new SecurityBlock(
                      Long.toString(System.nanoTime(), 36) + Integer.toHexString(k.hashCode()),
                      kind,
                      source.getHostAddress(),
                      subject,
                      reason,
                      now,
                      now.plus(length),
                      strikes);
              return new Entry(made[0], now.plus(length).plus(MEMORY));
            });
    if (made[0] != null) {
      log.record(
          kind,
          made[0].source(),
          subject,
          reason
              + "; blocked for "
              + Duration.between(made[0].since(), made[0].until()).toSeconds()
              + " s (strike "
              + made[0].strikes()
              + ")");
    }
    return e.block();
  }

  /** Lifts the block with {@code id} (its history is forgotten too); null when there is none. */
  SecurityBlock unblock(String id, String by) {
    for (var it = entries.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (e.getValue().block().id().equals(id)) {
        it.remove();
        SecurityBlock b = e.getValue().block();
        log.record("unblocked", b.source(), b.subject(), "block " + id + " lifted by " + by);
        return b;
      }
    }
    return null;
  }

  List<SecurityBlock> active(Instant now) {
    List<SecurityBlock> out = new ArrayList<>();
    for (Entry e : entries.values()) {
      if (now.isBefore(e.block().until())) {
        out.add(e.block());
      }
    }
    out.sort(Comparator.comparing(SecurityBlock::until));
    return out;
  }

  /** Forgets blocks whose history has lapsed. */
  void sweep(Instant now) {
    entries.values().removeIf(e -> !now.isBefore(e.forgetAt()));
  }

  int size() {
    return entries.size();
  }
}
