package dev.switchboard.ops.churn;

import dev.switchboard.ops.customer.BusinessCalendar;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retrains the churn model every Monday at 03:00 in the business time zone, after the week's usage
 * has been rolled up. The app starts it next to the server and closes it on shutdown.
 */
public final class WeeklyRetrain implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WeeklyRetrain.class);

  static final LocalTime AT = LocalTime.of(3, 0);

  private final ChurnService service;
  private final ScheduledExecutorService timer;

  private WeeklyRetrain(ChurnService service) {
    this.service = service;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "churn-weekly-retrain");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts the weekly schedule for {@code service}. */
  public static WeeklyRetrain start(ChurnService service, java.time.Clock clock) {
    WeeklyRetrain w = new WeeklyRetrain(service);
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(BusinessCalendar.ZONE));
    long delay = Duration.between(now, nextRun(now)).toMillis();
    w.timer.scheduleAtFixedRate(
        w::run, delay, Duration.ofDays(7).toMillis(), TimeUnit.MILLISECONDS);
    return w;
  }

  /** The next Monday 03:00 after {@code now} (in {@code now}'s zone). */
  static ZonedDateTime nextRun(ZonedDateTime now) {
    ZonedDateTime monday =
        now.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).with(AT).withNano(0);
    return monday.isAfter(now) ? monday : monday.plusWeeks(1);
  }

  private void run() {
    try {
      StoredModel m = service.retrain();
      LOG.info(
          "churn model retrained: {} on {} decision points", m.chosenKind(), m.decisionPoints());
    } catch (RuntimeException e) {
      // A failed week must not stop the schedule: the next Monday tries again.
      LOG.warn("weekly churn retrain failed: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
