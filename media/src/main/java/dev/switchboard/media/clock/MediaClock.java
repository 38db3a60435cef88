package dev.switchboard.media.clock;

import dev.switchboard.media.Narrowband;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A 20 ms clock that runs many {@link ClockTask}s on a few threads (one by default): streams, rooms
 * and prompts share it instead of owning a thread each. Ticks are scheduled on absolute deadlines,
 * so lateness does not accumulate; a thread that falls more than {@code maxCatchUp} ticks behind
 * skips ahead and counts the skipped ticks.
 */
public final class MediaClock implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(MediaClock.class.getName());

  private final long periodNanos;
  private final int maxCatchUp;
  private final Lane[] lanes;

  /** Starts a clock with the 20 ms period on {@code threads} threads named after {@code name}. */
  public static MediaClock start(String name, int threads) {
    return new MediaClock(name, threads, Narrowband.FRAME_NANOS, 5);
  }

  MediaClock(String name, int threads, long periodNanos, int maxCatchUp) {
    if (threads < 1) {
      throw new IllegalArgumentException("a media clock needs at least one thread");
    }
    this.periodNanos = periodNanos;
    this.maxCatchUp = maxCatchUp;
    this.lanes = new Lane[threads];
    for (int i = 0; i < threads; i++) {
      lanes[i] = new Lane();
      Thread thread = new Thread(lanes[i]::run, name + "-" + i);
      thread.setDaemon(true);
      thread.setPriority(Thread.MAX_PRIORITY);
      lanes[i].thread = thread;
      thread.start();
    }
  }

  /**
   * Runs {@code task} from the next tick on, on the least loaded thread, until the returned
   * registration is cancelled. A task that throws is cancelled and logged.
   */
  public Registration schedule(ClockTask task) {
    Lane lane = lanes[0];
    for (Lane candidate : lanes) {
      if (candidate.size.get() < lane.size.get()) {
        lane = candidate;
      }
    }
    Registration registration = new Registration(task, lane);
    lane.size.incrementAndGet();
    lane.added.add(registration);
    return registration;
  }

  /** Counters summed over the clock's threads. */
  public Stats stats() {
    long ticks = 0;
    long skipped = 0;
    long overruns = 0;
    long maxLate = 0;
    long maxWork = 0;
    long failed = 0;
    int tasks = 0;
    for (Lane lane : lanes) {
      ticks += lane.ticks.get();
      skipped += lane.skipped.get();
      overruns += lane.overruns.get();
      maxLate = Math.max(maxLate, lane.maxLateNanos.get());
      maxWork = Math.max(maxWork, lane.maxWorkNanos.get());
      failed += lane.failed.get();
      tasks += lane.size.get();
    }
    return new Stats(tasks, ticks, skipped, overruns, maxLate, maxWork, failed);
  }

  /** Clears the maximum lateness and work time (to measure a load step on its own). */
  public void resetMaxima() {
    for (Lane lane : lanes) {
      lane.maxLateNanos.set(0);
      lane.maxWorkNanos.set(0);
    }
  }

  /** Stops the threads after their current tick; tasks are not run again. */
  @Override
  public void close() {
    for (Lane lane : lanes) {
      lane.running = false;
      LockSupport.unpark(lane.thread);
    }
    for (Lane lane : lanes) {
      try {
        lane.thread.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * The clock's counters.
   *
   * @param tasks tasks scheduled now
   * @param ticks ticks run (per thread, summed)
   * @param skippedTicks ticks dropped because a thread fell too far behind
   * @param overruns ticks whose work took longer than a period
   * @param maxLateNanos the latest a tick started after its deadline
   * @param maxWorkNanos the longest one tick's work took
   * @param failedTasks tasks cancelled because they threw
   */
  public record Stats(
      int tasks,
      long ticks,
      long skippedTicks,
      long overruns,
      long maxLateNanos,
      long maxWorkNanos,
      long failedTasks) {}

  /** A task's place on the clock; cancel it to stop the task. */
  public static final class Registration implements AutoCloseable {
    private final ClockTask task;
    private final Lane lane;
    private volatile boolean cancelled;

    private Registration(ClockTask task, Lane lane) {
      this.task = task;
      this.lane = lane;
    }

    /** Stops running the task (from the next tick; a tick in progress completes). */
    public void cancel() {
      if (!cancelled) {
        cancelled = true;
        lane.size.decrementAndGet();
      }
    }

    /** Whether it was cancelled (by the owner, or because the task threw). */
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public void close() {
      cancel();
    }
  }

  private final class Lane {
    final Queue<Registration> added = new ConcurrentLinkedQueue<>();
    final List<Registration> tasks = new ArrayList<>();
    final AtomicInteger size = new AtomicInteger();
    final AtomicLong ticks = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicLong overruns = new AtomicLong();
    final AtomicLong maxLateNanos = new AtomicLong();
    final AtomicLong maxWorkNanos = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    volatile boolean running = true;
    Thread thread;

    void run() {
      long deadline = System.nanoTime() + periodNanos;
      while (running) {
        long now = System.nanoTime();
        long wait = deadline - now;
        if (wait > 0) {
          LockSupport.parkNanos(this, wait);
          continue; // woken early or spuriously: check again
        }
        long late = now - deadline;
        if (late > maxCatchUp * periodNanos) {
          long behind = late / periodNanos;
          skipped.addAndGet(behind);
          deadline += behind * periodNanos;
          late -= behind * periodNanos;
        }
        maxLateNanos.accumulateAndGet(late, Math::max);
        runTasks(deadline);
        long work = System.nanoTime() - now;
        maxWorkNanos.accumulateAndGet(work, Math::max);
        if (work > periodNanos) {
          overruns.incrementAndGet();
        }
        ticks.incrementAndGet();
        deadline += periodNanos;
      }
    }

    private void runTasks(long tickNanos) {
      for (Registration r; (r = added.poll()) != null; ) {
        tasks.add(r);
      }
      boolean anyCancelled = false;
      for (int i = 0, n = tasks.size(); i < n; i++) {
        Registration registration = tasks.get(i);
        if (registration.cancelled) {
          anyCancelled = true;
          continue;
        }
        try {
          registration.task.tick(tickNanos);
        } catch (RuntimeException | Error e) {
          failed.incrementAndGet();
          registration.cancel();
          anyCancelled = true;
          LOG.log(Level.WARNING, "media task " + registration.task + " failed and was stopped", e);
        }
      }
      if (anyCancelled) {
        tasks.removeIf(r -> r.cancelled);
      }
    }
  }
}
