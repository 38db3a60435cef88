package dev.switchboard.server.location;

import java.time.Duration;

/**
 * Sizes and periods of the location service.
 *
 * @param writeQueue binding changes that may wait for the writer; beyond it REGISTER gets 503
 * @param maxBatch changes written (and flushed) together at most
 * @param sweepInterval how often expired bindings are dropped
 * @param syncWrites whether each batch is flushed to the disk (fsync) before it is acknowledged;
 *     without it an acknowledged binding survives the process being killed, not a power cut
 * @param compactBytes journal bytes after which a snapshot is written and older segments go
 */
public record LocationConfig(
    int writeQueue, int maxBatch, Duration sweepInterval, boolean syncWrites, long compactBytes) {

  public static final LocationConfig DEFAULT =
      new LocationConfig(20_000, 500, Duration.ofSeconds(1), true, 64L << 20);
}
