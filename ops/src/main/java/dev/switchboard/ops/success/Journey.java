package dev.switchboard.ops.success;

import dev.switchboard.ops.customer.BusinessCalendar;
import dev.switchboard.ops.customer.UsageWeeks;
import dev.switchboard.ops.customer.WeekSignals;
import dev.switchboard.store.Database;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.tenant.TenantRepository;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A customer's whole journey (用户路径) on one timeline: how it was won, what it used week by week, its
 * health, cases, surveys, feedback, tier moves, renewal tasks and churn, plus whatever the other
 * departments' {@link JourneySource}s add. A source that fails (its tables not there yet) is left
 * out and named in {@code missing}.
 */
public final class Journey {

  private static final Logger LOG = LoggerFactory.getLogger(Journey.class);

  private final Database db;
  private final List<NamedSource> sources;

  /** A department's source and its name for {@code missing}. */
  public record NamedSource(String name, JourneySource source) {}

  public Journey(Database db, List<NamedSource> sources) {
    this.db = db;
    this.sources = List.copyOf(sources);
  }

  /** The timeline, the weekly usage beside it, and which sources were missing. */
  public record Timeline(
      String domain,
      String company,
      List<JourneyEvent> events,
      List<WeekSignals> usage,
      List<String> missing) {}

  public Timeline of(String domain) {
    long id =
        db.jdbi()
            .withHandle(h -> TenantRepository.idOf(h, domain))
            .orElseThrow(() -> new NotFoundException("domain", "no tenant " + domain));
    List<JourneyEvent> events = new ArrayList<>();
    String[] company = {domain};
    db.jdbi()
        .useHandle(
            h -> {
              h.createQuery(
                      "SELECT t.created_at, t.status, t.name, p.company, p.acquisition_channel,"
                          + " p.acquisition_campaign, p.acquired_on, p.tier FROM tenant t LEFT JOIN"
                          + " customer_profile p ON p.tenant_id = t.id WHERE t.id = :id")
                  .bind("id", id)
                  .map(
                      (rs, ctx) -> {
                        company[0] = rs.getString(4) != null ? rs.getString(4) : rs.getString(3);
                        events.add(
                            new JourneyEvent(
                                rs.getObject(1, OffsetDateTime.class).toInstant(),
                                "acquisition",
                                "tenant_created",
                                "SIP domain created"));
                        LocalDate won = rs.getObject(7, LocalDate.class);
                        if (won != null) {
                          String via = rs.getString(5) == null ? "" : " via " + rs.getString(5);
                          String campaign =
                              rs.getString(6) == null ? "" : " (" + rs.getString(6) + ")";
                          events.add(
                              new JourneyEvent(
                                  day(won), "deal", "won", "Customer won" + via + campaign));
                        }
                        return 0;
                      })
                  .forEach(x -> {});
              String prev = null;
              for (var row :
                  h.createQuery(
                          "SELECT week_start, score, band FROM success_health_score WHERE tenant_id ="
                              + " :id ORDER BY week_start")
                      .bind("id", id)
                      .map(
                          (rs, ctx) ->
                              new Object[] {
                                rs.getObject(1, LocalDate.class), rs.getInt(2), rs.getString(3)
                              })
                      .list()) {
                String band = (String) row[2];
                if (!band.equals(prev)) {
                  events.add(
                      new JourneyEvent(
                          day((LocalDate) row[0]),
                          "health",
                          "band_" + band,
                          "Health " + band + " (" + row[1] + ")"));
                  prev = band;
                }
              }
              h.createQuery(
                      "SELECT opened_at, kind, subject, resolved_at, breached FROM success_case WHERE"
                          + " tenant_id = :id")
                  .bind("id", id)
                  .map(
                      (rs, ctx) -> {
                        events.add(
                            new JourneyEvent(
                                rs.getObject(1, OffsetDateTime.class).toInstant(),
                                "service",
                                "case_" + rs.getString(2),
                                "Case opened: " + rs.getString(3)));
                        OffsetDateTime resolved = rs.getObject(4, OffsetDateTime.class);
                        if (resolved != null) {
                          events.add(
                              new JourneyEvent(
                                  resolved.toInstant(),
                                  "service",
                                  "case_resolved",
                                  "Case resolved: "
                                      + rs.getString(3)
                                      + (rs.getBoolean(5) ? " (SLA breached)" : "")));
                        }
                        return 0;
                      })
                  .forEach(x -> {});
              h.createQuery(
                      "SELECT answered_at, survey_kind, score FROM success_survey WHERE tenant_id = :id")
                  .bind("id", id)
                  .map(
                      (rs, ctx) ->
                          events.add(
                              new JourneyEvent(
                                  rs.getObject(1, OffsetDateTime.class).toInstant(),
                                  "service",
                                  "survey",
                                  rs.getString(2).toUpperCase(java.util.Locale.ROOT)
                                      + " "
                                      + rs.getInt(3))))
                  .forEach(x -> {});
              h.createQuery(
                      "SELECT created_at, feedback_kind, content FROM success_feedback WHERE tenant_id"
                          + " = :id")
                  .bind("id", id)
                  .map(
                      (rs, ctx) ->
                          events.add(
                              new JourneyEvent(
                                  rs.getObject(1, OffsetDateTime.class).toInstant(),
                                  "feedback",
                                  rs.getString(2),
                                  rs.getString(3))))
                  .forEach(x -> {});
              h.createQuery(
                      "SELECT changed_at, from_tier, to_tier FROM success_tier_change WHERE tenant_id"
                          + " = :id")
                  .bind("id", id)
                  .map(
                      (rs, ctx) ->
                          events.add(
                              new JourneyEvent(
                                  rs.getObject(1, OffsetDateTime.class).toInstant(),
                                  "tier",
                                  "tier",
                                  "Tier "
                                      + (rs.getString(2) == null ? "" : rs.getString(2) + " → ")
                                      + rs.getString(3))))
                  .forEach(x -> {});
              h.createQuery(
                      "SELECT created_at, kind, title FROM success_task WHERE tenant_id = :id AND kind"
                          + " IN ('renewal', 'referral')")
                  .bind("id", id)
                  .map(
                      (rs, ctx) ->
                          events.add(
                              new JourneyEvent(
                                  rs.getObject(1, OffsetDateTime.class).toInstant(),
                                  "renewal",
                                  rs.getString(2),
                                  rs.getString(3))))
                  .forEach(x -> {});
            });
    List<String> missing = new ArrayList<>();
    for (NamedSource s : sources) {
      try {
        events.addAll(db.jdbi().withHandle(h -> s.source().events(h, id)));
      } catch (RuntimeException e) {
        LOG.debug("journey source {} unavailable: {}", s.name(), e.getMessage());
        missing.add(s.name());
      }
    }
    events.sort(Comparator.comparing(JourneyEvent::at));
    List<WeekSignals> usage = new UsageWeeks(db).weeks(id, LocalDate.of(2000, 1, 1));
    return new Timeline(domain, company[0], events, usage, missing);
  }

  static Instant day(LocalDate d) {
    return BusinessCalendar.startOf(d);
  }
}
