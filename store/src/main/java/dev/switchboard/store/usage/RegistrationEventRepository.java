package dev.switchboard.store.usage;

import static dev.switchboard.store.usage.CallRecordRepository.instant;
import static dev.switchboard.store.usage.CallRecordRepository.utc;

import dev.switchboard.store.tenant.TenantRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/** Appends registration events, the stream customer success counts logins from. */
public final class RegistrationEventRepository {

  private static final String INSERT =
      "INSERT INTO registration_event (sip_domain, aor, contact, kind, occurred_at, transport,"
          + " source_address, user_agent) VALUES (:domain, :aor, :contact, :kind, :occurred,"
          + " :transport, :source, :userAgent)";

  private final Jdbi jdbi;

  public RegistrationEventRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Inserts {@code events} in their order as one JDBC batch in its own transaction. */
  public void insertAll(List<RegistrationRecord> events) {
    if (!events.isEmpty()) {
      jdbi.useTransaction(h -> insertAll(h, events));
    }
  }

  /** Inserts {@code events} in their order as one JDBC batch on {@code h}. */
  public void insertAll(Handle h, List<RegistrationRecord> events) {
    if (events.isEmpty()) {
      return;
    }
    PreparedBatch batch = h.prepareBatch(INSERT);
    for (RegistrationRecord e : events) {
      batch
          .bind("domain", TenantRepository.lower(e.domain()))
          .bind("aor", e.aor())
          .bind("contact", e.contact())
          .bind("kind", e.kind())
          .bind("occurred", utc(e.occurredAt()))
          .bind("transport", e.transport())
          .bind("source", e.sourceAddress())
          .bind("userAgent", e.userAgent())
          .add();
    }
    batch.execute();
  }

  /** Every event of {@code domain} in insertion order. */
  public List<RegistrationRecord> listInInsertionOrder(String domain) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT id, sip_domain, aor, contact, kind, occurred_at, transport,"
                        + " source_address, user_agent FROM registration_event"
                        + " WHERE sip_domain = :d ORDER BY id")
                .bind("d", TenantRepository.lower(domain))
                .map(RegistrationEventRepository::map)
                .list());
  }

  private static RegistrationRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new RegistrationRecord(
        rs.getLong("id"),
        rs.getString("sip_domain"),
        rs.getString("aor"),
        rs.getString("contact"),
        rs.getString("kind"),
        instant(rs, "occurred_at"),
        rs.getString("transport"),
        rs.getString("source_address"),
        rs.getString("user_agent"));
  }
}
