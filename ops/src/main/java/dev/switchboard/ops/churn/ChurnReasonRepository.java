package dev.switchboard.ops.churn;

import dev.switchboard.store.DuplicateException;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.SqlErrors;
import dev.switchboard.store.tenant.TenantRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Stores churn reasons; one per customer and churn date. */
public final class ChurnReasonRepository {

  static final int NOTE_MAX = 2000;

  private static final String SELECT =
      "SELECT r.id, t.sip_domain, COALESCE(p.company, t.name) AS company, r.churned_on,"
          + " r.reason_code, r.note, r.created_at, r.updated_at FROM churn_reason r"
          + " JOIN tenant t ON t.id = r.tenant_id"
          + " LEFT JOIN customer_profile p ON p.tenant_id = r.tenant_id";

  private final Jdbi jdbi;
  private final Clock clock;

  public ChurnReasonRepository(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** All reasons, latest churn first. */
  public List<ChurnReason> list() {
    return jdbi.withHandle(
        h ->
            h.createQuery(SELECT + " ORDER BY r.churned_on DESC, r.id DESC")
                .map(ChurnReasonRepository::map)
                .list());
  }

  public Optional<ChurnReason> find(long id) {
    return jdbi.withHandle(
        h ->
            h.createQuery(SELECT + " WHERE r.id = :id")
                .bind("id", id)
                .map(ChurnReasonRepository::map)
                .findOne());
  }

  public ChurnReason get(long id) {
    return find(id).orElseThrow(() -> new NotFoundException("id", "no churn reason " + id));
  }

  /**
   * Records a churn; 404 for an unknown domain, 409 if that customer's churn on that day exists.
   */
  public ChurnReason create(String domain, LocalDate churnedOn, ChurnReasonCode code, String note) {
    if (churnedOn == null) {
      throw new InvalidValueException("churnedOn", "churnedOn is required");
    }
    String n = note(note);
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    try {
      long id =
          jdbi.inTransaction(
              h -> {
                long tenant =
                    TenantRepository.idOf(h, domain)
                        .orElseThrow(() -> TenantRepository.notFound(domain));
                h.createUpdate(
                        "INSERT INTO churn_reason (tenant_id, churned_on, reason_code, note,"
                            + " created_at, updated_at) VALUES (:t, :d, :c, :n, :now, :now)")
                    .bind("t", tenant)
                    .bind("d", churnedOn)
                    .bind("c", code.code())
                    .bind("n", n)
                    .bind("now", now)
                    .execute();
                return h.createQuery(
                        "SELECT id FROM churn_reason WHERE tenant_id = :t AND churned_on = :d")
                    .bind("t", tenant)
                    .bind("d", churnedOn)
                    .mapTo(Long.class)
                    .one();
              });
      return get(id);
    } catch (UnableToExecuteStatementException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw new DuplicateException(
            "churnedOn", domain + " already has a churn reason for " + churnedOn);
      }
      throw e;
    }
  }

  /** Changes the reason and note of a recorded churn. */
  public ChurnReason update(long id, ChurnReasonCode code, String note) {
    String n = note(note);
    int rows =
        jdbi.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE churn_reason SET reason_code = :c, note = :n, updated_at = :now"
                            + " WHERE id = :id")
                    .bind("c", code.code())
                    .bind("n", n)
                    .bind("now", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                    .bind("id", id)
                    .execute());
    if (rows == 0) {
      throw new NotFoundException("id", "no churn reason " + id);
    }
    return get(id);
  }

  public void delete(long id) {
    int rows =
        jdbi.withHandle(
            h ->
                h.createUpdate("DELETE FROM churn_reason WHERE id = :id").bind("id", id).execute());
    if (rows == 0) {
      throw new NotFoundException("id", "no churn reason " + id);
    }
  }

  /** Whether any churn reason is stored (the demo seed's idempotence check). */
  public boolean any() {
    return jdbi.withHandle(
        h -> h.createQuery("SELECT COUNT(*) FROM churn_reason").mapTo(Long.class).one() > 0);
  }

  private static String note(String note) {
    if (note == null || note.isBlank()) {
      return null;
    }
    if (note.length() > NOTE_MAX) {
      throw new InvalidValueException("note", "note is longer than " + NOTE_MAX + " characters");
    }
    return note.strip();
  }

  private static ChurnReason map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new ChurnReason(
        rs.getLong("id"),
        rs.getString("sip_domain"),
        rs.getString("company"),
        rs.getObject("churned_on", LocalDate.class),
        ChurnReasonCode.parse("reason", rs.getString("reason_code")),
        rs.getString("note"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }
}
