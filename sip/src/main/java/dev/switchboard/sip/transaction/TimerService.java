package dev.switchboard.sip.transaction;

import java.time.Duration;

/** Runs a task once after a delay; the transaction layer's only notion of time. */
public interface TimerService {

  /** Schedules {@code task} to run once after {@code delay}; the task must not block. */
  Scheduled schedule(Duration delay, Runnable task);

  /** The time in nanoseconds on this service's clock, for measuring elapsed time only. */
  default long nanoTime() {
    return System.nanoTime();
  }

  /** A task waiting to run. */
  interface Scheduled {
    /** Stops the task from running if it has not started; a late call is harmless. */
    void cancel();
  }
}
