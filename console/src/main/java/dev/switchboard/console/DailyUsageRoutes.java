package dev.switchboard.console;

import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.tenant.Tenant;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.usage.DailyUsage;
import dev.switchboard.store.usage.DailyUsageQuery;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code /api/v1/tenants/{domain}/usage/daily}: calls and minutes per day for the usage chart, and
 * the bytes the tenant's media files take now.
 */
final class DailyUsageRoutes {

  /** Without {@code from}, the chart shows the last thirty days. */
  private static final int DEFAULT_DAYS = 30;

  private final TenantRepository tenants;
  private final DailyUsageQuery usage;
  private final java.util.function.Function<String, MediaBytes> media;

  DailyUsageRoutes(
      TenantRepository tenants,
      DailyUsageQuery usage,
      java.util.function.Function<String, MediaBytes> media) {
    this.tenants = tenants;
    this.usage = usage;
    this.media = media;
  }

  /** One day as the API shows it; minutes are answered talk time, to one decimal. */
  record Day(LocalDate date, long calls, long answered, long seconds, double minutes) {
    static Day of(DailyUsage d) {
      return new Day(d.date(), d.calls(), d.answered(), d.seconds(), d.minutes());
    }
  }

  /** Media bytes as the API shows them, the total first. */
  record Media(
      long totalBytes,
      long voicemailRecordingBytes,
      long voicemailGreetingBytes,
      long ivrGreetingBytes,
      long holdMusicBytes) {
    static Media of(MediaBytes b) {
      return new Media(
          b.total(),
          b.voicemailRecordings(),
          b.voicemailGreetings(),
          b.ivrGreetings(),
          b.holdMusic());
    }
  }

  /**
   * The answer: the days in the tenant's time zone, oldest first, and its media files now (not per
   * day: files are kept, not used up).
   */
  record Report(
      String domain, String timeZone, LocalDate from, LocalDate to, List<Day> days, Media media) {}

  void register(RoutesConfig routes) {
    routes.get("/api/v1/tenants/{domain}/usage/daily", this::daily);
  }

  private void daily(Context ctx) {
    Tenant t = tenants.get(ctx.pathParam("domain"));
    LocalDate today = LocalDate.now(t.timeZone());
    LocalDate to = date(ctx, "to", today);
    LocalDate from = date(ctx, "from", to.minusDays(DEFAULT_DAYS - 1L));
    List<Day> days = usage.days(t.domain(), t.timeZone(), from, to).stream().map(Day::of).toList();
    ctx.json(
        new Report(
            t.domain(), t.timeZone().getId(), from, to, days, Media.of(media.apply(t.domain()))));
  }

  private static LocalDate date(Context ctx, String name, LocalDate fallback) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return LocalDate.parse(v.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidValueException(name, name + " must be a date like 2025-01-31");
    }
  }
}
