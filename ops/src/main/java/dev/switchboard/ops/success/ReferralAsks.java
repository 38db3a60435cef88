package dev.switchboard.ops.success;

import dev.switchboard.ops.customer.BusinessCalendar;
import dev.switchboard.store.Database;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When to ask for a referral: after a good signal in the last week (a health score at or above
 * {@link #HEALTHY}, a case resolved within its SLA, a promoter's NPS or a top CSAT), a referral
 * task for the owner, at most one per customer in {@link #QUIET_DAYS} days.
 */
public final class ReferralAsks {

  public static final int HEALTHY = 85;
  public static final int QUIET_DAYS = 90;

  private final Database db;
  private final Clock clock;

  public ReferralAsks(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Creates the referral tasks warranted by the week ending on {@code today}; returns how many. */
  public int run(LocalDate today) {
    var from = BusinessCalendar.utc(BusinessCalendar.startOf(today.minusDays(6)));
    var to = BusinessCalendar.utc(BusinessCalendar.startOf(today.plusDays(1)));
    return db.jdbi()
        .inTransaction(
            h -> {
              Map<Long, String> reasons = new LinkedHashMap<>();
              h.createQuery(
                      "SELECT tenant_id, score FROM success_health_score WHERE week_start = :w AND"
                          + " score >= :min")
                  .bind("w", BusinessCalendar.weekStart(today))
                  .bind("min", HEALTHY)
                  .map((rs, ctx) -> reasons.putIfAbsent(rs.getLong(1), "health " + rs.getInt(2)))
                  .forEach(x -> {});
              h.createQuery(
                      "SELECT tenant_id, id FROM success_case WHERE resolved_at >= :from AND"
                          + " resolved_at < :to AND breached = FALSE")
                  .bind("from", from)
                  .bind("to", to)
                  .map(
                      (rs, ctx) ->
                          reasons.putIfAbsent(
                              rs.getLong(1), "case " + rs.getLong(2) + " solved in time"))
                  .forEach(x -> {});
              h.createQuery(
                      "SELECT tenant_id, survey_kind, score FROM success_survey WHERE answered_at >="
                          + " :from AND answered_at < :to AND ((survey_kind = 'nps' AND score >= 9)"
                          + " OR (survey_kind = 'csat' AND score >= 5))")
                  .bind("from", from)
                  .bind("to", to)
                  .map(
                      (rs, ctx) ->
                          reasons.putIfAbsent(
                              rs.getLong(1),
                              rs.getString(2).toUpperCase(java.util.Locale.ROOT)
                                  + " "
                                  + rs.getInt(3)))
                  .forEach(x -> {});
              int created = 0;
              for (Map.Entry<Long, String> e : reasons.entrySet()) {
                boolean recent =
                    h.createQuery(
                                "SELECT COUNT(*) FROM success_task WHERE tenant_id = :t AND kind ="
                                    + " 'referral' AND due_on > :since")
                            .bind("t", e.getKey())
                            .bind("since", today.minusDays(QUIET_DAYS))
                            .mapTo(Integer.class)
                            .one()
                        > 0;
                if (!recent
                    && TaskRepository.create(
                        h,
                        clock,
                        e.getKey(),
                        "referral",
                        "Ask for a referral (" + e.getValue() + ")",
                        today.plusDays(7),
                        "ask:" + today)) {
                  created++;
                }
              }
              return created;
            });
  }
}
