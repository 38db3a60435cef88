package dev.switchboard.ops.success;

import dev.switchboard.store.Database;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads stored health scores: a tenant's trend, what moved it, the distribution, who is at risk.
 */
public final class HealthHistory {

  private final Database db;

  public HealthHistory(Database db, SuccessSettings settings) {
    this.db = db;
  }

  /** One stored score. */
  public record Scored(
      LocalDate weekStart, int score, HealthBand band, Map<HealthSignal, Double> points) {}

  /** A tenant at risk this week and how far it moved since the week before (null if unscored). */
  public record AtRisk(
      long tenantId,
      String domain,
      String company,
      String owner,
      int score,
      HealthBand band,
      Integer change) {}

  /** The tenant's last {@code weeks} scores, oldest first. */
  public List<Scored> scores(long tenantId, int weeks) {
    List<Scored> out =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT week_start, score, band, contributions FROM success_health_score"
                                + " WHERE tenant_id = :t ORDER BY week_start DESC LIMIT :n")
                        .bind("t", tenantId)
                        .bind("n", weeks)
                        .map(
                            (rs, ctx) ->
                                new Scored(
                                    rs.getObject(1, LocalDate.class),
                                    rs.getInt(2),
                                    HealthBand.parse(rs.getString(3)),
                                    HealthRun.decode(rs.getString(4))))
                        .list());
    List<Scored> copy = new ArrayList<>(out);
    Collections.reverse(copy);
    return copy;
  }

  /** Per-signal point changes of the week starting {@code week} against the week before. */
  public List<HealthMovement> movements(long tenantId, LocalDate week) {
    Map<HealthSignal, Double> now = points(tenantId, week).orElse(Map.of());
    Map<HealthSignal, Double> before = points(tenantId, week.minusWeeks(1)).orElse(Map.of());
    return HealthScore.movements(result(before), result(now));
  }

  private static HealthResult result(Map<HealthSignal, Double> points) {
    double sum = points.values().stream().mapToDouble(Double::doubleValue).sum();
    return new HealthResult((int) Math.round(sum), HealthBand.GREEN, points);
  }

  private Optional<Map<HealthSignal, Double>> points(long tenantId, LocalDate week) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT contributions FROM success_health_score WHERE tenant_id = :t AND"
                            + " week_start = :w")
                    .bind("t", tenantId)
                    .bind("w", week)
                    .mapTo(String.class)
                    .findOne()
                    .map(HealthRun::decode));
  }

  /** The latest week with scores, if any. */
  public Optional<LocalDate> latestWeek() {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT MAX(week_start) FROM success_health_score")
                    .mapTo(LocalDate.class)
                    .findOne());
  }

  /** Tenants per band in {@code week}. */
  public Map<HealthBand, Integer> distribution(LocalDate week) {
    Map<HealthBand, Integer> out = new EnumMap<>(HealthBand.class);
    for (HealthBand b : HealthBand.values()) {
      out.put(b, 0);
    }
    db.jdbi()
        .useHandle(
            h ->
                h.createQuery(
                        "SELECT band, COUNT(*) FROM success_health_score WHERE week_start = :w"
                            + " GROUP BY band")
                    .bind("w", week)
                    .map((rs, ctx) -> out.put(HealthBand.parse(rs.getString(1)), rs.getInt(2)))
                    .forEach(x -> {}));
    return out;
  }

  /** Red and yellow tenants of {@code week}, lowest score first. */
  public List<AtRisk> atRisk(LocalDate week, int maxScore, int limit) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT s.tenant_id, t.sip_domain, COALESCE(p.company, t.name),"
                            + " p.owner_email, s.score, s.band, b.score FROM success_health_score s"
                            + " JOIN tenant t ON t.id = s.tenant_id LEFT JOIN customer_profile p ON"
                            + " p.tenant_id = s.tenant_id LEFT JOIN success_health_score b ON"
                            + " b.tenant_id = s.tenant_id AND b.week_start = :prev WHERE"
                            + " s.week_start = :w AND s.score <= :max ORDER BY s.score, t.sip_domain"
                            + " LIMIT :limit")
                    .bind("w", week)
                    .bind("prev", week.minusWeeks(1))
                    .bind("max", maxScore)
                    .bind("limit", limit)
                    .map(
                        (rs, ctx) -> {
                          int before = rs.getInt(7);
                          boolean had = !rs.wasNull();
                          return new AtRisk(
                              rs.getLong(1),
                              rs.getString(2),
                              rs.getString(3),
                              rs.getString(4),
                              rs.getInt(5),
                              HealthBand.parse(rs.getString(6)),
                              had ? rs.getInt(5) - before : null);
                        })
                    .list());
  }
}
