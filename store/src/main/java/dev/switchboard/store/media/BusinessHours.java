package dev.switchboard.store.media;

import dev.switchboard.store.InvalidValueException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * When a menu is open: on {@code days}, from {@code open} to {@code close} (exclusive) in {@code
 * zone}, a zone always named (a tenant's offices may sit anywhere), except on {@code holidays}
 * (dates in that zone, closed all day).
 */
public record BusinessHours(
    ZoneId zone, Set<DayOfWeek> days, LocalTime open, LocalTime close, Set<LocalDate> holidays) {
  private static final int MAX_HOLIDAYS = 366;

  /** Hours without holidays. */
  public BusinessHours(ZoneId zone, Set<DayOfWeek> days, LocalTime open, LocalTime close) {
    this(zone, days, open, close, Set.of());
  }

  public BusinessHours {
    if (zone == null) {
      throw new InvalidValueException("hours.timeZone", "business hours need a time zone");
    }
    if (days == null || days.isEmpty()) {
      throw new InvalidValueException("hours.days", "business hours need at least one day");
    }
    if (open == null || close == null || !open.isBefore(close)) {
      throw new InvalidValueException("hours.open", "business hours open before they close");
    }
    days = Set.copyOf(EnumSet.copyOf(days));
    holidays = holidays == null ? Set.of() : Set.copyOf(new TreeSet<>(holidays));
    if (holidays.size() > MAX_HOLIDAYS) {
      throw new InvalidValueException("hours.holidays", "at most 366 holidays");
    }
  }

  /** Whether {@code at} falls within the hours. */
  public boolean isOpen(Instant at) {
    ZonedDateTime local = at.atZone(zone);
    LocalTime t = local.toLocalTime();
    return days.contains(local.getDayOfWeek())
        && !holidays.contains(local.toLocalDate())
        && !t.isBefore(open)
        && t.isBefore(close);
  }

  /** Holidays as ISO dates ({@code 2026-12-25,2027-01-01}), in order; empty when none. */
  public String holidaysText() {
    return new TreeSet<>(holidays)
        .stream().map(LocalDate::toString).collect(Collectors.joining(","));
  }

  /** Days as their three-letter names ({@code MON,TUE}), in week order. */
  public String daysText() {
    return EnumSet.copyOf(days).stream()
        .map(d -> d.name().substring(0, 3))
        .collect(Collectors.joining(","));
  }

  /** Reads the parts as the API and the files write them; {@code days}: {@code MON,TUE,…}. */
  public static BusinessHours parse(String zone, String days, String open, String close) {
    return parse(zone, days, open, close, null);
  }

  /** As {@link #parse(String, String, String, String)}; {@code holidays}: {@code 2026-12-25,…}. */
  public static BusinessHours parse(
      String zone, String days, String open, String close, String holidays) {
    ZoneId z;
    try {
      z = zone == null ? null : ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new InvalidValueException("hours.timeZone", "unknown time zone: " + zone);
    }
    Set<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
    for (String d : days == null ? new String[0] : days.split(",")) {
      set.add(day(d.trim()));
    }
    Set<LocalDate> dates = new TreeSet<>();
    for (String d : holidays == null || holidays.isBlank() ? new String[0] : holidays.split(",")) {
      try {
        dates.add(LocalDate.parse(d.trim()));
      } catch (DateTimeParseException e) {
        throw new InvalidValueException("hours.holidays", "a holiday is YYYY-MM-DD, not " + d);
      }
    }
    return new BusinessHours(z, set, time("hours.open", open), time("hours.close", close), dates);
  }

  private static DayOfWeek day(String text) {
    String t = text.toUpperCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      if (t.length() >= 3 && d.name().startsWith(t)) {
        return d;
      }
    }
    throw new InvalidValueException("hours.days", "not a day (MON … SUN): " + text);
  }

  private static LocalTime time(String field, String text) {
    try {
      return text == null ? null : LocalTime.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidValueException(field, field + " is HH:MM, not " + text);
    }
  }
}
