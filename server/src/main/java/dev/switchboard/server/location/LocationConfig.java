package dev.switchboard.server.location;

import java.time.Duration;

/** Sizes and periods of the location service: writer queue, batch cap, sweep interval. */
public record LocationConfig(int writeQueue, int maxBatch, Duration sweepInterval) {

  public static final LocationConfig DEFAULT =
      new LocationConfig(20_000, 500, Duration.ofSeconds(1));
}
