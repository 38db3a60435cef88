package dev.switchboard.ops.customer;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/**
 * The business calendar every department counts days and weeks in: weeks start on Monday, days in
 * the business's own zone (Asia/Shanghai, UTC+8 all year, no DST). A tenant's own telephony figures
 * use the tenant's time zone instead ({@link #of(ZoneId)}).
 */
public final class BusinessCalendar {

  /** The business's own time zone: billing days, the funnel, weekly runs, the demo story. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  /** The calendar in {@link #ZONE}. */
  public static final BusinessCalendar BUSINESS = new BusinessCalendar(ZONE);

  /** Shanghai's fixed offset in seconds, used in SQL to turn instants into business days. */
  static final int OFFSET_SECONDS = 8 * 3600;

  private final ZoneId zone;

  private BusinessCalendar(ZoneId zone) {
    this.zone = zone;
  }

  /** The same calendar in another zone, e.g. a tenant's {@code time_zone}. */
  public static BusinessCalendar of(ZoneId zone) {
    return zone.equals(ZONE) ? BUSINESS : new BusinessCalendar(zone);
  }

  public ZoneId zone() {
    return zone;
  }

  /** Today in this calendar's zone by {@code clock}. */
  public LocalDate today(Clock clock) {
    return LocalDate.now(clock.withZone(zone));
  }

  /** The Monday of the week holding {@code day}. */
  public static LocalDate weekStart(LocalDate day) {
    return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  /** The business day (in {@link #ZONE}) holding {@code now}. */
  public static LocalDate today(Instant now) {
    return LocalDate.ofInstant(now, ZONE);
  }

  /** The instant the business day {@code day} begins. */
  public static Instant startOf(LocalDate day) {
    return day.atStartOfDay(ZONE).toInstant();
  }

  /** {@code t} as a UTC timestamp, the way the tables store instants. */
  public static java.time.OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
