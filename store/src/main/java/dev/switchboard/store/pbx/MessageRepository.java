package dev.switchboard.store.pbx;

import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.usage.Page;
import dev.switchboard.store.usage.PageCursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** The tenants' instant messages: those waiting for their recipient, and the history. */
public final class MessageRepository {

  private final Jdbi jdbi;

  public MessageRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Stores {@code m} and returns it with its id. */
  public StoredMessage insert(StoredMessage m) {
    long id =
        jdbi.withHandle(
            h ->
                h.createUpdate(
                        "INSERT INTO pbx_message (sip_domain, recipient, sender, content_type, body,"
                            + " received_at, expires_at, status, delivered_at) VALUES (:d, :r, :s,"
                            + " :ct, :b, :rec, :exp, :st, :del)")
                    .bind("d", TenantRepository.lower(m.domain()))
                    .bind("r", m.recipient())
                    .bind("s", m.sender())
                    .bind("ct", m.contentType())
                    .bind("b", m.body())
                    .bind("rec", utc(m.receivedAt()))
                    .bind("exp", utc(m.expiresAt()))
                    .bind("st", m.status())
                    .bind("del", utc(m.deliveredAt()))
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one());
    return m.withId(id);
  }

  /** Every message still waiting for its recipient, oldest first (for a restart). */
  public List<StoredMessage> waiting() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT * FROM pbx_message WHERE status = 'stored' ORDER BY id")
                .map(MessageRepository::map)
                .list());
  }

  /** Marks message {@code id} {@code status} ({@code delivered}, {@code expired}, …). */
  public void settle(long id, String status, Instant at) {
    jdbi.useHandle(
        h ->
            h.createUpdate("UPDATE pbx_message SET status = :s, delivered_at = :at WHERE id = :id")
                .bind("s", status)
                .bind("at", utc(at))
                .bind("id", id)
                .execute());
  }

  /** The history of {@code domain}, newest first, a page at a time. */
  public Page<StoredMessage> history(String domain, int limit, String cursor) {
    PageCursor after = PageCursor.decode(cursor);
    List<StoredMessage> rows =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT * FROM pbx_message WHERE sip_domain = :d"
                            + (after == null ? "" : " AND id < :after")
                            + " ORDER BY id DESC LIMIT :limit")
                    .bind("d", TenantRepository.lower(domain))
                    .bind("after", after == null ? 0 : after.id())
                    .bind("limit", limit + 1)
                    .map(MessageRepository::map)
                    .list());
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    List<StoredMessage> page = new ArrayList<>(rows.subList(0, limit));
    StoredMessage last = page.get(page.size() - 1);
    return new Page<>(page, new PageCursor("m", last.id()).encode());
  }

  private static StoredMessage map(ResultSet rs, StatementContext ctx) throws SQLException {
    OffsetDateTime del = rs.getObject("delivered_at", OffsetDateTime.class);
    return new StoredMessage(
        rs.getLong("id"),
        rs.getString("sip_domain"),
        rs.getString("recipient"),
        rs.getString("sender"),
        rs.getString("content_type"),
        rs.getString("body"),
        rs.getObject("received_at", OffsetDateTime.class).toInstant(),
        rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
        rs.getString("status"),
        del == null ? null : del.toInstant());
  }

  private static OffsetDateTime utc(Instant t) {
    return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }
}
