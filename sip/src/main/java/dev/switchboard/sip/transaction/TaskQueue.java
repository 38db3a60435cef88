package dev.switchboard.sip.transaction;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a transaction's events one at a time and in arrival order on whichever thread submits while
 * no other is running them, so a transaction's state needs no lock and no lock is held while the
 * transaction calls the transport or its user.
 */
final class TaskQueue {
  private static final Logger log = LoggerFactory.getLogger(TaskQueue.class);

  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean();

  /**
   * Runs {@code task} now if the queue is idle, else after the tasks before it; a task submitted
   * from inside a task runs once the current one returns.
   */
  void execute(Runnable task) {
    tasks.add(task);
    // Re-check after releasing: a task added between the last poll and the release must not strand.
    while (!tasks.isEmpty() && running.compareAndSet(false, true)) {
      try {
        Runnable t;
        while ((t = tasks.poll()) != null) {
          try {
            t.run();
          } catch (RuntimeException e) {
            log.warn("transaction task failed", e);
          }
        }
      } finally {
        running.set(false);
      }
    }
  }
}
