package dev.switchboard.ops.success;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/** The business calendar: weeks start on Monday in Asia/Shanghai (UTC+8 all year, no DST). */
public final class BusinessTime {

  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  /** Shanghai's fixed offset in seconds, used in SQL to turn instants into business days. */
  static final int OFFSET_SECONDS = 8 * 3600;

  private BusinessTime() {}

  public static LocalDate weekStart(LocalDate day) {
    return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  public static LocalDate today(Instant now) {
    return LocalDate.ofInstant(now, ZONE);
  }

  /** The instant the business day {@code day} begins. */
  public static Instant startOf(LocalDate day) {
    return day.atStartOfDay(ZONE).toInstant();
  }

  static java.time.OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
