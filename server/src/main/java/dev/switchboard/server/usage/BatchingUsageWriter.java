package dev.switchboard.server.usage;

import dev.switchboard.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link UsageSink} that queues events (bounded) and writes them from one thread in batches, so
 * the SIP threads never wait for the database.
 */
public final class BatchingUsageWriter implements UsageSink, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BatchingUsageWriter.class);
  private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final UsageBatchTarget target;
  private final UsageWriterSettings settings;
  private final BlockingQueue<UsageEvent> queue;
  private final Thread writer;
  private final LongAdder accepted = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong lastWarn = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
  private volatile boolean closing;

  private BatchingUsageWriter(UsageBatchTarget target, UsageWriterSettings settings) {
    this.target = target;
    this.settings = settings;
    this.queue = new ArrayBlockingQueue<>(settings.capacity());
    this.writer = new Thread(this::drain, "usage-writer");
    writer.setDaemon(true);
  }

  /** Starts a writer into {@code db}'s call_record and registration_event tables. */
  public static BatchingUsageWriter start(Database db, UsageWriterSettings settings) {
    return start(new UsageTables(db.jdbi()), settings);
  }

  /** {@link #start(Database, UsageWriterSettings)} with the default settings. */
  public static BatchingUsageWriter start(Database db) {
    return start(db, UsageWriterSettings.DEFAULTS);
  }

  static BatchingUsageWriter start(UsageBatchTarget target, UsageWriterSettings settings) {
    BatchingUsageWriter w = new BatchingUsageWriter(target, settings);
    w.writer.start();
    return w;
  }

  /** Queues {@code event}; never blocks: a full queue (or a closed writer) drops and counts it. */
  @Override
  public void accept(UsageEvent event) {
    if (!closing && queue.offer(event)) {
      accepted.increment();
      return;
    }
    dropped.increment();
    long now = System.nanoTime();
    long last = lastWarn.get();
    if (now - last >= WARN_EVERY_NANOS && lastWarn.compareAndSet(last, now)) {
      LOG.warn(
          "usage events dropped ({}): {} so far",
          closing ? "writer closed" : "queue of " + settings.capacity() + " full",
          dropped.sum());
    }
  }

  public UsageWriterCounters counters() {
    return new UsageWriterCounters(
        accepted.sum(), written.get(), dropped.sum(), failed.get(), batches.get());
  }

  /** Events waiting to be written. */
  public int queued() {
    return queue.size();
  }

  /** Stops taking events, writes what is queued (bounded by the close timeout) and stops. */
  @Override
  public void close() {
    closing = true;
    try {
      writer.join(settings.closeTimeout().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (writer.isAlive()) {
      writer.interrupt();
      LOG.warn(
          "usage writer did not drain within {}; {} events lost",
          settings.closeTimeout(),
          queue.size());
      return;
    }
    // An accept racing with close may have queued after the writer's last look.
    List<UsageEvent> rest = new ArrayList<>();
    queue.drainTo(rest);
    if (!rest.isEmpty()) {
      write(rest);
    }
  }

  private void drain() {
    List<UsageEvent> batch = new ArrayList<>(settings.maxBatch());
    long maxDelayNanos = settings.maxDelay().toNanos();
    try {
      while (!closing || !queue.isEmpty()) {
        UsageEvent first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        // Let the batch fill for up to maxDelay: at low rates one transaction carries many events
        // instead of one each, which matters on H2 where every transaction ends in a CHECKPOINT.
        long deadline = System.nanoTime() + maxDelayNanos;
        while (batch.size() < settings.maxBatch()) {
          queue.drainTo(batch, settings.maxBatch() - batch.size());
          long left = deadline - System.nanoTime();
          if (batch.size() >= settings.maxBatch() || left <= 0 || closing) {
            break;
          }
          UsageEvent next =
              queue.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)), TimeUnit.NANOSECONDS);
          if (next != null) {
            batch.add(next);
          }
        }
        write(batch);
        batch.clear();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void write(List<UsageEvent> batch) {
    try {
      target.write(batch);
      written.addAndGet(batch.size());
      batches.incrementAndGet();
    } catch (RuntimeException e) {
      // The writer must outlive a database outage; the lost events are counted, not retried, so
      // the queue cannot grow without bound behind a dead database.
      failed.addAndGet(batch.size());
      LOG.error("writing {} usage events failed", batch.size(), e);
    }
  }
}
