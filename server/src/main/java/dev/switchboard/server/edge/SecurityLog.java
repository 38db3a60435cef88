package dev.switchboard.server.edge;

import dev.switchboard.store.security.SecurityEvent;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's record of what it did: a bounded list of recent events for the console, one log line
 * each (in a fixed form a fail2ban filter can match: {@code security: KIND source=ADDR ...}), and
 * running totals for /metrics.
 */
public final class SecurityLog {
  private static final Logger LOG = LoggerFactory.getLogger("dev.switchboard.security");
  private static final int KEPT = 10_000;

  private final Clock clock;
  private final Deque<SecurityEvent> recent = new ArrayDeque<>();
  private final AtomicLong ids = new AtomicLong();
  private final Map<String, LongAdder> totals = new ConcurrentHashMap<>();

  public SecurityLog(Clock clock) {
    this.clock = clock;
  }

  /** Records an event; {@code source} and {@code subject} may be null. */
  public SecurityEvent record(String kind, String source, String subject, String detail) {
    SecurityEvent e =
        new SecurityEvent(ids.incrementAndGet(), clock.instant(), kind, source, subject, detail);
    synchronized (recent) {
      recent.addFirst(e);
      if (recent.size() > KEPT) {
        recent.removeLast();
      }
    }
    count(kind.replace('-', '_'));
    LOG.warn(
        "security: {} source={} subject={} {}",
        kind,
        source == null ? "-" : source,
        subject == null ? "-" : subject,
        detail);
    return e;
  }

  /** Adds one to a running total without an event (per-request counts). */
  public void count(String name) {
    totals.computeIfAbsent(name, k -> new LongAdder()).increment();
  }

  public List<SecurityEvent> recent(int limit) {
    synchronized (recent) {
      List<SecurityEvent> out = new ArrayList<>(Math.min(limit, recent.size()));
      for (SecurityEvent e : recent) {
        if (out.size() == limit) {
          break;
        }
        out.add(e);
      }
      return out;
    }
  }

  /** The running totals, by name. */
  public Map<String, Long> totals() {
    Map<String, Long> out = new TreeMap<>();
    totals.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
