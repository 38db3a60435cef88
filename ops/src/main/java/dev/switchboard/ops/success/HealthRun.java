package dev.switchboard.ops.success;

import dev.switchboard.ops.customer.BusinessCalendar;
import dev.switchboard.ops.customer.UsageWeeks;
import dev.switchboard.ops.customer.WeekSignals;
import dev.switchboard.store.Database;
import dev.switchboard.store.RowInserter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.jdbi.v3.core.Handle;

/**
 * The weekly scoring run: every live tenant with usage in the model's window gets a stored score
 * for the week; a tenant that turns red gets a health task for its owner.
 */
public final class HealthRun {

  private final Database db;
  private final SuccessSettings settings;
  private final PaymentPunctuality payments;
  private final Clock clock;

  public HealthRun(
      Database db, SuccessSettings settings, PaymentPunctuality payments, Clock clock) {
    this.db = db;
    this.settings = settings;
    this.payments = payments;
    this.clock = clock;
  }

  /** What a run did. */
  public record Summary(
      LocalDate weekStart, int scored, int red, int yellow, int green, int tasks) {}

  /** Scores every live tenant for the week holding {@code day}. */
  public Summary run(LocalDate day) {
    return run(day, null);
  }

  /** Scores one tenant (or all when {@code tenantId} is null) for the week holding {@code day}. */
  public Summary run(LocalDate day, Long tenantId) {
    HealthModel model = settings.healthModel();
    LocalDate week = BusinessCalendar.weekStart(day);
    LocalDate first = week.minusWeeks(model.windowWeeks() - 1L);
    return db.jdbi()
        .inTransaction(
            h -> {
              Map<Long, List<WeekSignals>> usage = usage(h, first, week, tenantId);
              LocalDate weekEnd = week.plusDays(7);
              Map<Long, Integer> complaints = openComplaints(h, weekEnd);
              Map<Long, Integer> nps = latestSurvey(h, "nps", weekEnd);
              Map<Long, Integer> csat = latestSurvey(h, "csat", weekEnd);
              Map<Long, Double> onTime = payments.onTimeShare(h, weekEnd.minusDays(1));
              Map<Long, String> previousBand = bands(h, week.minusWeeks(1), tenantId);
              int[] bands = new int[3];
              List<Long> turnedRed = new ArrayList<>();
              // A run replaces the week's scores of live tenants (or of the one tenant asked for).
              h.createUpdate(
                      "DELETE FROM success_health_score WHERE week_start = :w AND tenant_id IN"
                          + " (SELECT id FROM tenant WHERE status IN ('trial', 'active'))"
                          + (tenantId == null ? "" : " AND tenant_id = :tenant"))
                  .bind("w", week)
                  .bindByType("tenant", tenantId, Long.class)
                  .execute();
              RowInserter insert =
                  new RowInserter(
                      h,
                      "INSERT INTO success_health_score (tenant_id, week_start, score, band,"
                          + " contributions, computed_at)",
                      6);
              var now = BusinessCalendar.utc(clock.instant());
              for (Map.Entry<Long, List<WeekSignals>> e : usage.entrySet()) {
                long t = e.getKey();
                HealthInput input =
                    new HealthInput(
                        e.getValue(),
                        onTime.get(t),
                        complaints.getOrDefault(t, 0),
                        nps.get(t),
                        csat.get(t));
                HealthResult r = HealthScore.score(model, input);
                bands[r.band().ordinal()]++;
                if (r.band() == HealthBand.RED
                    && !HealthBand.RED.wireName().equals(previousBand.get(t))) {
                  turnedRed.add(t);
                }
                insert.add(t, week, r.score(), r.band().wireName(), encode(r.points()), now);
              }
              insert.finish();
              int tasks = 0;
              for (long t : turnedRed) {
                if (TaskRepository.create(
                    h,
                    clock,
                    t,
                    "health",
                    "Health turned red in the week of " + week,
                    week.plusDays(9),
                    "red:" + week)) {
                  tasks++;
                }
              }
              return new Summary(week, usage.size(), bands[0], bands[1], bands[2], tasks);
            });
  }

  private static Map<Long, List<WeekSignals>> usage(
      Handle h, LocalDate first, LocalDate last, Long tenantId) {
    Map<Long, List<WeekSignals>> out = new HashMap<>();
    h.createQuery(
            "SELECT u.tenant_id, u.week_start, u.seats, u.registered_seats, u.active_days, u.calls,"
                + " u.minutes, u.console_logins, u.features_used FROM tenant_usage_week u JOIN"
                + " tenant t ON t.id = u.tenant_id WHERE t.status IN ('trial', 'active') AND"
                + " u.week_start >= :first AND u.week_start <= :last"
                + (tenantId == null ? "" : " AND u.tenant_id = :tenant")
                + " ORDER BY u.tenant_id, u.week_start")
        .bind("first", first)
        .bind("last", last)
        .bindByType("tenant", tenantId, Long.class)
        .map(
            (rs, ctx) -> {
              out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(UsageWeeks.map(rs, 2));
              return 0;
            })
        .forEach(x -> {});
    return out;
  }

  private static Map<Long, Integer> openComplaints(Handle h, LocalDate weekEnd) {
    Map<Long, Integer> out = new HashMap<>();
    var end = BusinessCalendar.utc(BusinessCalendar.startOf(weekEnd));
    h.createQuery(
            "SELECT tenant_id, COUNT(*) FROM success_case WHERE kind = 'complaint' AND opened_at <"
                + " :end AND (resolved_at IS NULL OR resolved_at >= :end) GROUP BY tenant_id")
        .bind("end", end)
        .map((rs, ctx) -> out.put(rs.getLong(1), rs.getInt(2)))
        .forEach(x -> {});
    return out;
  }

  private static Map<Long, Integer> latestSurvey(Handle h, String kind, LocalDate weekEnd) {
    Map<Long, Integer> out = new HashMap<>();
    h.createQuery(
            "SELECT s.tenant_id, s.score FROM success_survey s WHERE s.survey_kind = :k AND"
                + " s.answered_at < :end AND s.id = (SELECT MAX(x.id) FROM success_survey x WHERE"
                + " x.tenant_id = s.tenant_id AND x.survey_kind = :k AND x.answered_at < :end)")
        .bind("k", kind)
        .bind("end", BusinessCalendar.utc(BusinessCalendar.startOf(weekEnd)))
        .map((rs, ctx) -> out.put(rs.getLong(1), rs.getInt(2)))
        .forEach(x -> {});
    return out;
  }

  private static Map<Long, String> bands(Handle h, LocalDate week, Long tenantId) {
    Map<Long, String> out = new HashMap<>();
    h.createQuery(
            "SELECT tenant_id, band FROM success_health_score WHERE week_start = :w"
                + (tenantId == null ? "" : " AND tenant_id = :tenant"))
        .bind("w", week)
        .bindByType("tenant", tenantId, Long.class)
        .map((rs, ctx) -> out.put(rs.getLong(1), rs.getString(2)))
        .forEach(x -> {});
    return out;
  }

  /** Points per signal as stored: "registration=18.82;calls=17.65". */
  public static String encode(Map<HealthSignal, Double> points) {
    StringJoiner j = new StringJoiner(";");
    for (HealthSignal s : HealthSignal.values()) {
      Double p = points.get(s);
      if (p != null) {
        j.add(s.code() + "=" + p);
      }
    }
    return j.toString();
  }

  static Map<HealthSignal, Double> decode(String text) {
    Map<HealthSignal, Double> out = new java.util.EnumMap<>(HealthSignal.class);
    if (text != null && !text.isEmpty()) {
      for (String part : text.split(";")) {
        int eq = part.indexOf('=');
        out.put(
            HealthSignal.parse(part.substring(0, eq)), Double.parseDouble(part.substring(eq + 1)));
      }
    }
    return out;
  }
}
