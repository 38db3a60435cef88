package dev.switchboard.store.location;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Stores registrar bindings. Writes replace an address of record's whole set, so a batch of changes
 * is idempotent and the last snapshot of an AOR wins.
 */
public final class BindingRepository {

  private static final String COLUMNS =
      "sip_domain, aor, contact, q_millis, expires_at, call_id, cseq, path, transport,"
          + " source_address, user_agent, updated_at";

  private final Jdbi jdbi;

  public BindingRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Writes every snapshot in one transaction: the AOR's rows are deleted and its bindings inserted.
   * When an AOR appears more than once, the last snapshot is the one written.
   */
  public void replace(Collection<AorBindings> snapshots) {
    if (snapshots.isEmpty()) {
      return;
    }
    Map<String, AorBindings> last = new LinkedHashMap<>();
    for (AorBindings s : snapshots) {
      last.remove(s.aor());
      last.put(s.aor(), s);
    }
    jdbi.useTransaction(
        h -> {
          PreparedBatch delete = h.prepareBatch("DELETE FROM binding WHERE aor = :aor");
          for (String aor : last.keySet()) {
            delete.bind("aor", aor).add();
          }
          delete.execute();
          PreparedBatch insert =
              h.prepareBatch(
                  "INSERT INTO binding ("
                      + COLUMNS
                      + ") VALUES (:domain, :aor, :contact, :q, :expires, :callId, :cseq, :path,"
                      + " :transport, :source, :userAgent, :updated)");
          int rows = 0;
          for (AorBindings s : last.values()) {
            for (StoredBinding b : s.bindings()) {
              insert
                  .bind("domain", b.domain())
                  .bind("aor", b.aor())
                  .bind("contact", b.contact())
                  .bind("q", b.qMillis())
                  .bind("expires", utc(b.expiresAt()))
                  .bind("callId", b.callId())
                  .bind("cseq", b.cseq())
                  .bind("path", b.path())
                  .bind("transport", b.transport())
                  .bind("source", b.sourceAddress())
                  .bind("userAgent", b.userAgent())
                  .bind("updated", utc(b.updatedAt()))
                  .add();
              rows++;
            }
          }
          if (rows > 0) {
            insert.execute();
          }
        });
  }

  /** Bindings that have not expired at {@code now}, for loading the in-memory index at start. */
  public List<StoredBinding> unexpired(Instant now) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT " + COLUMNS + " FROM binding WHERE expires_at > :now ORDER BY aor, id")
                .bind("now", utc(now))
                .map(BindingRepository::map)
                .list());
  }

  /** The stored bindings of one AOR, expired or not. */
  public List<StoredBinding> find(String aor) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM binding WHERE aor = :aor ORDER BY id")
                .bind("aor", aor)
                .map(BindingRepository::map)
                .list());
  }

  /** Deletes the bindings that expired at or before {@code now}; returns how many. */
  /** Empties the table: once its bindings have moved to the registrar's journal. */
  public int clear() {
    return jdbi.withHandle(h -> h.execute("DELETE FROM binding"));
  }

  public int deleteExpired(Instant now) {
    return jdbi.withHandle(
        h ->
            h.createUpdate("DELETE FROM binding WHERE expires_at <= :now")
                .bind("now", utc(now))
                .execute());
  }

  private static OffsetDateTime utc(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  private static StoredBinding map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new StoredBinding(
        rs.getString("sip_domain"),
        rs.getString("aor"),
        rs.getString("contact"),
        rs.getInt("q_millis"),
        rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
        rs.getString("call_id"),
        rs.getLong("cseq"),
        rs.getString("path"),
        rs.getString("transport"),
        rs.getString("source_address"),
        rs.getString("user_agent"),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }
}
