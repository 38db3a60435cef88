package dev.switchboard.ops.success;

import dev.switchboard.store.Database;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renewal reminders at the configured lead times before each term end (a renewal task for the
 * customer's owner), the renewals due, and the study of which lead time renews best.
 */
public final class Renewals {

  /** A reminder whose day passed more than this many days ago is not sent late. */
  static final int CATCH_UP_DAYS = 7;

  private final Database db;
  private final SuccessSettings settings;
  private final TermEndSource terms;
  private final Clock clock;

  public Renewals(Database db, SuccessSettings settings, TermEndSource terms, Clock clock) {
    this.db = db;
    this.settings = settings;
    this.terms = terms;
    this.clock = clock;
  }

  /** Creates the renewal tasks due on {@code today}; returns how many were new. */
  public int remind(LocalDate today) {
    List<Integer> leads = settings.renewalLeadDays();
    int max = leads.get(0);
    return db.jdbi()
        .inTransaction(
            h -> {
              int created = 0;
              for (TermEnd t : terms.termEnds(h, today.plusDays(1), today.plusDays(max), today)) {
                for (int i = 0; i < leads.size(); i++) {
                  int lead = leads.get(i);
                  LocalDate remindOn = t.endsOn().minusDays(lead);
                  if (remindOn.isAfter(today)
                      || remindOn.isBefore(today.minusDays(CATCH_UP_DAYS))) {
                    continue;
                  }
                  LocalDate due =
                      i + 1 < leads.size() ? t.endsOn().minusDays(leads.get(i + 1)) : t.endsOn();
                  if (TaskRepository.create(
                      h,
                      clock,
                      t.tenantId(),
                      "renewal",
                      "Renewal: term ends " + t.endsOn() + " (" + lead + "-day reminder)",
                      due,
                      "term:" + t.endsOn() + ":" + lead)) {
                    created++;
                  }
                }
              }
              return created;
            });
  }

  /** A term ending soon. */
  public record Due(
      long tenantId,
      String domain,
      String company,
      String owner,
      LocalDate endsOn,
      long daysLeft,
      Integer health) {}

  /** Terms ending in the next {@code days} days, soonest first, with the latest health score. */
  public List<Due> due(LocalDate today, int days) {
    return db.jdbi()
        .withHandle(
            h -> {
              List<Due> out = new ArrayList<>();
              for (TermEnd t : terms.termEnds(h, today, today.plusDays(days), today)) {
                var row =
                    h.createQuery(
                            "SELECT t.sip_domain, COALESCE(p.company, t.name), p.owner_email, (SELECT"
                                + " s.score FROM success_health_score s WHERE s.tenant_id = t.id"
                                + " ORDER BY s.week_start DESC LIMIT 1) FROM tenant t LEFT JOIN"
                                + " customer_profile p ON p.tenant_id = t.id WHERE t.id = :id")
                        .bind("id", t.tenantId())
                        .map(
                            (rs, ctx) -> {
                              int s = rs.getInt(4);
                              return new Due(
                                  t.tenantId(),
                                  rs.getString(1),
                                  rs.getString(2),
                                  rs.getString(3),
                                  t.endsOn(),
                                  ChronoUnit.DAYS.between(today, t.endsOn()),
                                  rs.wasNull() ? null : s);
                            })
                        .one();
                out.add(row);
              }
              out.sort(java.util.Comparator.comparing(Due::endsOn).thenComparing(Due::domain));
              return out;
            });
  }

  /** Renewals of term ends whose first reminder acted on (task done) had this lead time. */
  public record LeadStudy(int leadDays, int terms, int renewed, double renewalRate) {}

  /**
   * For every past term end with a known outcome: the lead time of the earliest renewal reminder
   * the owner completed (0: none acted on), and the share renewed per lead time.
   */
  public List<LeadStudy> study(LocalDate today) {
    return db.jdbi()
        .withHandle(
            h -> {
              Map<String, Integer> acted = new HashMap<>();
              h.createQuery(
                      "SELECT tenant_id, source_ref FROM success_task WHERE kind = 'renewal' AND"
                          + " status = 'done'")
                  .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                  .forEach(
                      e -> {
                        String[] p = e.getValue().split(":");
                        if (p.length == 3) {
                          acted.merge(e.getKey() + ":" + p[1], Integer.parseInt(p[2]), Math::max);
                        }
                      });
              Map<Integer, int[]> by = new TreeMap<>();
              for (TermEnd t : terms.termEnds(h, today.minusYears(5), today, today)) {
                if (t.renewed() == null) {
                  continue;
                }
                int lead = acted.getOrDefault(t.tenantId() + ":" + t.endsOn(), 0);
                int[] c = by.computeIfAbsent(lead, k -> new int[2]);
                c[0]++;
                c[1] += t.renewed() ? 1 : 0;
              }
              List<LeadStudy> out = new ArrayList<>();
              by.forEach(
                  (lead, c) ->
                      out.add(
                          new LeadStudy(
                              lead, c[0], c[1], Math.round(10000.0 * c[1] / c[0]) / 10000.0)));
              return out;
            });
  }
}
