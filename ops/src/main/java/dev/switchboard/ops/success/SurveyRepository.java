package dev.switchboard.ops.success;

import dev.switchboard.ops.customer.BusinessCalendar;
import dev.switchboard.store.Database;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.tenant.Tenant;
import dev.switchboard.store.tenant.TenantRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Records NPS and CSAT answers per contact; NPS over a period is %promoters − %detractors. */
public final class SurveyRepository {

  private static final String COLUMNS =
      "s.id, t.sip_domain, s.contact_email, s.survey_kind, s.score, s.comment, s.case_id,"
          + " s.answered_at";

  private final Database db;
  private final Clock clock;

  public SurveyRepository(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public Survey record(
      String domain,
      String contactEmail,
      String kind,
      int score,
      String comment,
      Long caseId,
      Instant at) {
    String email = Tenant.requireText("contactEmail", contactEmail, 254);
    if ("nps".equals(kind)) {
      if (score < 0 || score > 10) {
        throw new InvalidValueException("score", "an NPS answer is 0..10");
      }
    } else if ("csat".equals(kind)) {
      if (score < 1 || score > 5) {
        throw new InvalidValueException("score", "a CSAT answer is 1..5");
      }
    } else {
      throw new InvalidValueException("kind", "kind must be nps or csat");
    }
    String c =
        comment == null || comment.isBlank() ? null : Tenant.requireText("comment", comment, 2000);
    long id =
        db.jdbi()
            .inTransaction(
                h -> {
                  long tenant =
                      TenantRepository.idOf(h, domain)
                          .orElseThrow(
                              () -> new NotFoundException("domain", "no tenant " + domain));
                  return h.createUpdate(
                          "INSERT INTO success_survey (tenant_id, contact_email, survey_kind, score,"
                              + " comment, case_id, answered_at) VALUES (:t, :e, :k, :s, :c, :case,"
                              + " :at)")
                      .bind("t", tenant)
                      .bind("e", email)
                      .bind("k", kind)
                      .bind("s", score)
                      .bind("c", c)
                      .bindByType("case", caseId, Long.class)
                      .bind("at", BusinessCalendar.utc(at == null ? clock.instant() : at))
                      .executeAndReturnGeneratedKeys("id")
                      .mapTo(Long.class)
                      .one();
                });
    return list(null, 1_000_000).stream().filter(s -> s.id() == id).findFirst().orElseThrow();
  }

  /** Answers of one tenant (null: all), newest first. */
  public List<Survey> list(String domain, int limit) {
    return db.jdbi()
        .withHandle(
            h -> {
              var q =
                  h.createQuery(
                          "SELECT "
                              + COLUMNS
                              + " FROM success_survey s JOIN tenant t ON t.id = s.tenant_id"
                              + (domain == null ? "" : " WHERE t.sip_domain = :d")
                              + " ORDER BY s.answered_at DESC, s.id DESC LIMIT :limit")
                      .bind("limit", limit);
              if (domain != null) {
                q.bind("d", domain.toLowerCase(java.util.Locale.ROOT));
              }
              return q.map((rs, ctx) -> map(rs)).list();
            });
  }

  /** NPS summary since {@code from}. */
  public record NpsSummary(
      int answers,
      int promoters,
      int passives,
      int detractors,
      int nps,
      double csat,
      int csatAnswers) {}

  public NpsSummary summary(Instant from) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT SUM(CASE WHEN survey_kind = 'nps' THEN 1 ELSE 0 END), SUM(CASE WHEN"
                            + " survey_kind = 'nps' AND score >= 9 THEN 1 ELSE 0 END), SUM(CASE WHEN"
                            + " survey_kind = 'nps' AND score BETWEEN 7 AND 8 THEN 1 ELSE 0 END),"
                            + " SUM(CASE WHEN survey_kind = 'nps' AND score <= 6 THEN 1 ELSE 0 END),"
                            + " SUM(CASE WHEN survey_kind = 'csat' THEN score ELSE 0 END), SUM(CASE"
                            + " WHEN survey_kind = 'csat' THEN 1 ELSE 0 END) FROM success_survey WHERE"
                            + " answered_at >= :from")
                    .bind("from", BusinessCalendar.utc(from))
                    .map(
                        (rs, ctx) -> {
                          int n = rs.getInt(1);
                          int p = rs.getInt(2);
                          int d = rs.getInt(4);
                          int cn = rs.getInt(6);
                          return new NpsSummary(
                              n,
                              p,
                              rs.getInt(3),
                              d,
                              n == 0 ? 0 : (int) Math.round(100.0 * (p - d) / n),
                              cn == 0 ? 0 : Math.round(100.0 * rs.getInt(5) / cn) / 100.0,
                              cn);
                        })
                    .one());
  }

  private static Survey map(ResultSet rs) throws SQLException {
    long c = rs.getLong(7);
    Long caseId = rs.wasNull() ? null : c;
    return new Survey(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getInt(5),
        rs.getString(6),
        caseId,
        CaseRepository.instant(rs, 8));
  }
}
