package dev.switchboard.store.usage;

import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.tenant.TenantRepository;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/**
 * Calls and minutes per day for one tenant from {@code call_record}, days counted in the tenant's
 * time zone.
 */
public final class DailyUsageQuery {

  /** A year and a day: enough for any chart, small enough to sum in memory. */
  public static final int MAX_DAYS = 366;

  private final Jdbi jdbi;

  public DailyUsageQuery(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * One entry per day from {@code from} to {@code to} inclusive, zero days included, so a chart
   * shows gaps as gaps.
   */
  public List<DailyUsage> days(String domain, ZoneId zone, LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw new InvalidValueException("to", "to is before from");
    }
    if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
      throw new InvalidValueException("to", "at most " + MAX_DAYS + " days at a time");
    }
    OffsetDateTime start = from.atStartOfDay(zone).toOffsetDateTime();
    OffsetDateTime end = to.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
    Map<LocalDate, long[]> sums = new TreeMap<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      sums.put(d, new long[3]);
    }
    // Grouping by local day in Java keeps the SQL identical on H2 and PostgreSQL, whose
    // time-zone conversion functions differ; a year of one tenant's calls streams through fine.
    jdbi.useHandle(
        h ->
            h.createQuery(
                    "SELECT setup_time, answer_time, duration_seconds FROM call_record"
                        + " WHERE sip_domain = :d AND setup_time >= :start AND setup_time < :end")
                .bind("d", TenantRepository.lower(domain))
                .bind("start", start.withOffsetSameInstant(ZoneOffset.UTC))
                .bind("end", end.withOffsetSameInstant(ZoneOffset.UTC))
                .map(
                    (rs, ctx) -> {
                      LocalDate day =
                          rs.getObject("setup_time", OffsetDateTime.class)
                              .atZoneSameInstant(zone)
                              .toLocalDate();
                      long[] s = sums.get(day);
                      if (s != null) {
                        s[0]++;
                        if (rs.getObject("answer_time") != null) {
                          s[1]++;
                          s[2] += rs.getInt("duration_seconds");
                        }
                      }
                      return day;
                    })
                .forEach(d -> {}));
    List<DailyUsage> out = new ArrayList<>(sums.size());
    sums.forEach((d, s) -> out.add(new DailyUsage(d, s[0], s[1], s[2])));
    return out;
  }
}
