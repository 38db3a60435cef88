package dev.switchboard.server.location;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@link IndexedLocationService#sweep} on its own thread at a fixed interval. */
public final class ExpirySweeper implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ExpirySweeper.class);

  private final ScheduledExecutorService timer;

  public ExpirySweeper(IndexedLocationService locations, Duration interval) {
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "binding-sweeper");
              t.setDaemon(true);
              return t;
            });
    long ms = interval.toMillis();
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            locations.sweep();
          } catch (RuntimeException e) {
            LOG.warn("binding sweep failed: {}", e.toString());
          }
        },
        ms,
        ms,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
