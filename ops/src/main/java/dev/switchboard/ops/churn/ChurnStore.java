package dev.switchboard.ops.churn;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Stores training runs and the risks they scored; the latest run is the one shown. */
public final class ChurnStore {

  private final Jdbi jdbi;

  public ChurnStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Saves a run and its risks in one transaction; returns the run's id. */
  public long save(
      Instant trainedAt,
      LocalDate asOf,
      ChurnEvaluation evaluation,
      int decisionPoints,
      int churned,
      String revenueBasis,
      List<CustomerRisk> risks) {
    return jdbi.inTransaction(
        h -> {
          h.createUpdate(
                  "INSERT INTO churn_model (trained_at, as_of, chosen_kind, decision_points,"
                      + " churned, revenue_basis, evaluation) VALUES (:at, :asOf, :kind, :points,"
                      + " :churned, :basis, :eval)")
              .bind("at", OffsetDateTime.ofInstant(trainedAt, ZoneOffset.UTC))
              .bind("asOf", asOf)
              .bind("kind", evaluation.chosen())
              .bind("points", decisionPoints)
              .bind("churned", churned)
              .bind("basis", revenueBasis)
              .bind("eval", ChurnJson.write(evaluation))
              .execute();
          long id = h.createQuery("SELECT MAX(id) FROM churn_model").mapTo(Long.class).one();
          PreparedBatch batch =
              h.prepareBatch(
                  "INSERT INTO churn_risk (model_id, tenant_id, risk, monthly_revenue,"
                      + " expected_loss, next_term_end, reasons) VALUES (:m, :t, :risk, :rev,"
                      + " :loss, :end, :reasons)");
          int n = 0;
          for (CustomerRisk r : risks) {
            batch
                .bind("m", id)
                .bind("t", r.tenantId())
                .bind("risk", r.risk())
                .bind("rev", r.monthlyRevenue())
                .bind("loss", r.expectedLoss())
                .bind("end", r.nextTermEnd())
                .bind("reasons", ChurnJson.write(r.reasons()))
                .add();
            if (++n % 1000 == 0) {
              batch.execute();
            }
          }
          if (n % 1000 != 0) {
            batch.execute();
          }
          // Older runs' risks are history nobody reads: keep only the runs' evaluations.
          h.createUpdate("DELETE FROM churn_risk WHERE model_id < :m").bind("m", id).execute();
          return id;
        });
  }

  /** The latest run, if any. */
  public Optional<StoredModel> latest() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT id, trained_at, as_of, chosen_kind, decision_points, churned,"
                        + " revenue_basis, evaluation FROM churn_model"
                        + " WHERE id = (SELECT MAX(id) FROM churn_model)")
                .map(
                    (rs, ctx) ->
                        new StoredModel(
                            rs.getLong("id"),
                            rs.getObject("trained_at", OffsetDateTime.class).toInstant(),
                            rs.getObject("as_of", LocalDate.class),
                            rs.getString("chosen_kind"),
                            rs.getInt("decision_points"),
                            rs.getInt("churned"),
                            rs.getString("revenue_basis"),
                            ChurnJson.evaluation(rs.getString("evaluation"))))
                .findOne());
  }

  /** The latest run's risks, largest expected loss first, at most {@code limit}. */
  public List<CustomerRisk> risks(long modelId, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT r.tenant_id, t.sip_domain, COALESCE(p.company, t.name) AS company,"
                        + " r.risk, r.monthly_revenue, r.expected_loss, r.next_term_end, r.reasons"
                        + " FROM churn_risk r JOIN tenant t ON t.id = r.tenant_id"
                        + " LEFT JOIN customer_profile p ON p.tenant_id = r.tenant_id"
                        + " WHERE r.model_id = :m"
                        + " ORDER BY r.expected_loss DESC, r.risk DESC, t.sip_domain"
                        + " LIMIT :limit")
                .bind("m", modelId)
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new CustomerRisk(
                            rs.getLong("tenant_id"),
                            rs.getString("sip_domain"),
                            rs.getString("company"),
                            rs.getDouble("risk"),
                            rs.getObject("monthly_revenue", BigDecimal.class),
                            rs.getObject("expected_loss", BigDecimal.class),
                            rs.getObject("next_term_end", LocalDate.class),
                            ChurnJson.reasons(rs.getString("reasons"))))
                .list());
  }

  /** How many risks the run scored. */
  public int riskCount(long modelId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT COUNT(*) FROM churn_risk WHERE model_id = :m")
                .bind("m", modelId)
                .mapTo(Integer.class)
                .one());
  }
}
