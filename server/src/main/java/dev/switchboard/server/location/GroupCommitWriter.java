package dev.switchboard.server.location;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: one thread takes whatever snapshots queued while the previous batch was being
 * written (up to a cap), writes them in one transaction and then tells each submitter, in
 * submission order, whether its snapshot is durable.
 */
public final class GroupCommitWriter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

  /** Told on the writer thread, in submission order, once a snapshot is durable or failed. */
  @FunctionalInterface
  public interface Completion {
    /** {@code error} is null when the snapshot was written. */
    void done(Throwable error);
  }

  private record Pending(AorSnapshot snapshot, Completion completion) {}

  private final BindingPersistence persistence;
  private final Runnable afterBatch;
  private final int maxBatch;
  private final BlockingQueue<Pending> queue;
  private final Thread thread;
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong snapshots = new AtomicLong();
  private volatile boolean running = true;

  /**
   * @param afterBatch runs on the writer thread after each batch's completions (compaction)
   */
  public GroupCommitWriter(
      BindingPersistence persistence, int queueCapacity, int maxBatch, Runnable afterBatch) {
    this.persistence = persistence;
    this.afterBatch = afterBatch;
    this.maxBatch = maxBatch;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.thread = new Thread(this::run, "binding-writer");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /**
   * Queues {@code snapshot}; false when the queue is full or the writer closed (then {@code
   * completion} is never called). Never blocks.
   */
  public boolean submit(AorSnapshot snapshot, Completion completion) {
    return running && queue.offer(new Pending(snapshot, completion));
  }

  /** Transactions written so far. */
  public long batches() {
    return batches.get();
  }

  /** Snapshots written so far. */
  public long snapshots() {
    return snapshots.get();
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(maxBatch);
    List<AorSnapshot> toWrite = new ArrayList<>(maxBatch);
    while (running || !queue.isEmpty()) {
      Pending first;
      try {
        first = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        // close() interrupts only to wake us; the loop drains what is left.
        continue;
      }
      if (first == null) {
        continue;
      }
      batch.add(first);
      queue.drainTo(batch, maxBatch - 1);
      for (Pending p : batch) {
        toWrite.add(p.snapshot());
      }
      Throwable error = null;
      try {
        persistence.write(toWrite);
        batches.incrementAndGet();
        snapshots.addAndGet(toWrite.size());
      } catch (RuntimeException e) {
        LOG.warn("writing {} binding snapshots failed: {}", toWrite.size(), e.toString());
        error = e;
      }
      for (Pending p : batch) {
        try {
          p.completion().done(error);
        } catch (RuntimeException e) {
          LOG.warn("binding completion failed", e);
        }
      }
      batch.clear();
      toWrite.clear();
      if (error == null) {
        try {
          afterBatch.run();
        } catch (RuntimeException e) {
          LOG.warn("binding maintenance failed", e);
        }
      }
    }
  }

  /** Stops taking snapshots, writes those already queued and waits (bounded) for the thread. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
