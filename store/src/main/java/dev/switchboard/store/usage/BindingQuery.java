package dev.switchboard.store.usage;

import static dev.switchboard.store.usage.CallRecordRepository.instant;
import static dev.switchboard.store.usage.CallRecordRepository.utc;

import dev.switchboard.store.tenant.TenantRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Reads the registrar's bindings for the console: which contacts of a tenant are registered now.
 * Read-only; the registrar owns writing the table.
 */
public final class BindingQuery {

  private final Jdbi jdbi;

  public BindingQuery(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Up to {@code limit} bindings of {@code domain} unexpired at {@code now}, ordered by address of
   * record then id, starting after {@code cursor} (null: from the first).
   */
  public Page<ActiveBinding> active(String domain, Instant now, int limit, String cursor) {
    PageCursor after = PageCursor.decode(cursor);
    String sql =
        "SELECT id, aor, contact, transport, user_agent, expires_at FROM binding"
            + " WHERE sip_domain = :domain AND expires_at > :now"
            + (after == null ? "" : " AND (aor > :afterAor OR (aor = :afterAor AND id > :afterId))")
            + " ORDER BY aor, id LIMIT :limit";
    List<ActiveBinding> rows =
        jdbi.withHandle(
            h -> {
              Query q =
                  h.createQuery(sql)
                      .bind("domain", TenantRepository.lower(domain))
                      .bind("now", utc(now))
                      .bind("limit", limit + 1);
              if (after != null) {
                q.bind("afterAor", after.key()).bind("afterId", after.id());
              }
              return q.map(
                      (rs, ctx) ->
                          new ActiveBinding(
                              rs.getLong("id"),
                              rs.getString("aor"),
                              rs.getString("contact"),
                              rs.getString("transport"),
                              rs.getString("user_agent"),
                              instant(rs, "expires_at")))
                  .list();
            });
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    List<ActiveBinding> page = new ArrayList<>(rows.subList(0, limit));
    ActiveBinding last = page.get(page.size() - 1);
    return new Page<>(page, new PageCursor(last.aor(), last.id()).encode());
  }
}
