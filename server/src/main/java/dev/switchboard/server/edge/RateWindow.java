package dev.switchboard.server.edge;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts events per key over a sliding window, approximated from the current and the previous fixed
 * window (as Kamailio's pike and most rate limiters do): cheap, bounded by {@link #sweep}, and
 * exact enough to tell a flood from a busy office.
 */
final class RateWindow<K> {
  private static final class Counter {
    long start;
    int current;
    int previous;
  }

  private final ConcurrentHashMap<K, Counter> counters = new ConcurrentHashMap<>();
  private final long windowNanos;

  RateWindow(long windowNanos) {
    this.windowNanos = windowNanos;
  }

  /** Counts one event for {@code key} at {@code now} (nanoTime) and returns the windowed count. */
  int add(K key, long now) {
    Counter c = counters.computeIfAbsent(key, k -> new Counter());
    synchronized (c) {
      roll(c, now);
      c.current++;
      return estimate(c, now);
    }
  }

  /** The windowed count for {@code key} at {@code now}, without counting. */
  int count(K key, long now) {
    Counter c = counters.get(key);
    if (c == null) {
      return 0;
    }
    synchronized (c) {
      roll(c, now);
      return estimate(c, now);
    }
  }

  void reset(K key) {
    counters.remove(key);
  }

  int size() {
    return counters.size();
  }

  /** Forgets keys with nothing counted in the last two windows. */
  void sweep(long now) {
    counters
        .entrySet()
        .removeIf(
            e -> {
              Counter c = e.getValue();
              synchronized (c) {
                return now - c.start >= 2 * windowNanos;
              }
            });
  }

  private void roll(Counter c, long now) {
    long elapsed = now - c.start;
    if (elapsed >= 2 * windowNanos || c.start == 0) {
      c.start = now;
      c.previous = 0;
      c.current = 0;
    } else if (elapsed >= windowNanos) {
      c.start += windowNanos;
      c.previous = c.current;
      c.current = 0;
    }
  }

  private int estimate(Counter c, long now) {
    double into = Math.min(1.0, (double) (now - c.start) / windowNanos);
    return c.current + (int) (c.previous * (1.0 - into));
  }
}
