package dev.switchboard.sip.transaction;

import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A {@link TimerService} whose time only moves when told to: {@link #advance} runs the due tasks in
 * order on the calling thread, so timer tests are exact and need no sleeps.
 */
public final class VirtualClock implements TimerService {
  private final PriorityQueue<Entry> queue =
      new PriorityQueue<>(Comparator.comparingLong(Entry::at).thenComparingLong(Entry::seq));
  private long now;
  private long seq;

  private final class Entry implements Scheduled {
    private final long at;
    private final long order;
    private final Runnable task;

    Entry(long at, long order, Runnable task) {
      this.at = at;
      this.order = order;
      this.task = task;
    }

    long at() {
      return at;
    }

    long seq() {
      return order;
    }

    @Override
    public void cancel() {
      synchronized (VirtualClock.this) {
        queue.remove(this);
      }
    }
  }

  /** Time elapsed since the clock was made. */
  public synchronized Duration now() {
    return Duration.ofNanos(now);
  }

  @Override
  public synchronized long nanoTime() {
    return now;
  }

  @Override
  public synchronized Scheduled schedule(Duration delay, Runnable task) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("negative delay " + delay);
    }
    Entry e = new Entry(now + delay.toNanos(), seq++, task);
    queue.add(e);
    return e;
  }

  /**
   * Moves time forward by {@code d}, running every task that falls due on the way, each at its own
   * time and in scheduling order for ties, including tasks those tasks schedule.
   */
  public synchronized void advance(Duration d) {
    long target = now + d.toNanos();
    Entry e;
    while ((e = queue.peek()) != null && e.at() <= target) {
      queue.poll();
      now = e.at();
      e.task.run();
    }
    now = target;
  }

  /** Moves time to {@code t} since the clock was made; {@code t} must not be in the past. */
  public synchronized void advanceTo(Duration t) {
    advance(t.minus(now()));
  }

  /** How many tasks are waiting. */
  public synchronized int pending() {
    return queue.size();
  }
}
