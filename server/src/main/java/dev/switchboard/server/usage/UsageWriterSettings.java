package dev.switchboard.server.usage;

import java.time.Duration;

/**
 * How a {@link BatchingUsageWriter} queues and batches.
 *
 * @param capacity events the queue holds before it drops
 * @param maxBatch events written per database transaction at most
 * @param maxDelay how long the first queued event waits for others to join its batch
 * @param closeTimeout how long closing waits for the queue to drain
 */
public record UsageWriterSettings(
    int capacity, int maxBatch, Duration maxDelay, Duration closeTimeout) {

  public static final UsageWriterSettings DEFAULTS =
      new UsageWriterSettings(100_000, 1_000, Duration.ofMillis(200), Duration.ofSeconds(30));

  public UsageWriterSettings {
    if (capacity < 1 || maxBatch < 1) {
      throw new IllegalArgumentException("capacity and maxBatch must be positive");
    }
    if (maxDelay.isNegative() || closeTimeout.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
  }
}
