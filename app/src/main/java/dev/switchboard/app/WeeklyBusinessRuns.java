package dev.switchboard.app;

import dev.switchboard.ops.churn.ChurnService;
import dev.switchboard.ops.churn.WeeklyRetrain;
import dev.switchboard.ops.customer.BusinessCalendar;
import dev.switchboard.ops.customer.UsageRollup;
import dev.switchboard.ops.success.HealthRun;
import dev.switchboard.ops.success.SuccessSettings;
import dev.switchboard.ops.success.SuccessSources.Departments;
import dev.switchboard.store.Database;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The business's weekly runs inside {@code serve}: every Monday 02:00 (Asia/Shanghai) last week's
 * usage is rolled up and every tenant's health scored; the churn model retrains an hour later.
 */
final class WeeklyBusinessRuns implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WeeklyBusinessRuns.class);
  private static final LocalTime HEALTH_AT = LocalTime.of(2, 0);

  private final ScheduledExecutorService timer;
  private final WeeklyRetrain retrain;

  private WeeklyBusinessRuns(ScheduledExecutorService timer, WeeklyRetrain retrain) {
    this.timer = timer;
    this.retrain = retrain;
  }

  static WeeklyBusinessRuns start(Database db, Clock clock) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "weekly-health-run");
              t.setDaemon(true);
              return t;
            });
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(BusinessCalendar.ZONE));
    long delay = Duration.between(now, nextMonday(now, HEALTH_AT)).toMillis();
    timer.scheduleAtFixedRate(
        () -> healthRun(db, clock), delay, Duration.ofDays(7).toMillis(), TimeUnit.MILLISECONDS);
    WeeklyRetrain retrain = WeeklyRetrain.start(ChurnService.standard(db, clock), clock);
    return new WeeklyBusinessRuns(timer, retrain);
  }

  /** The next Monday at {@code at} strictly after {@code now}, in {@code now}'s zone. */
  static ZonedDateTime nextMonday(ZonedDateTime now, LocalTime at) {
    ZonedDateTime monday =
        now.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).with(at).withNano(0);
    return monday.isAfter(now) ? monday : monday.plusWeeks(1);
  }

  private static void healthRun(Database db, Clock clock) {
    try {
      // The week that just ended: Monday 02:00 scores the seven days before it.
      LocalDate lastWeek = BusinessCalendar.BUSINESS.today(clock).minusWeeks(1);
      int rolled = new UsageRollup(db).rollup(lastWeek);
      HealthRun.Summary s =
          new HealthRun(db, new SuccessSettings(db, clock), Departments.billing(), clock)
              .run(lastWeek);
      LOG.info("weekly health run: {} tenants rolled up, {}", rolled, s);
    } catch (RuntimeException e) {
      // A failed week must not stop the schedule; the run can also be started from the console.
      LOG.warn("weekly health run failed: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    retrain.close();
  }
}
