package dev.switchboard.store.directory;

import dev.switchboard.store.tenant.TenantStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The directory change log and the bulk reads behind the SIP side's in-memory directory: every
 * tenant or account write appends a row (in its own transaction) and readers poll for ids after the
 * last one they saw.
 */
public final class DirectoryChangeLog {

  private static final String SUBSCRIBER_SELECT =
      "SELECT t.sip_domain, a.user_part, a.ha1_md5, a.ha1_sha256, a.enabled FROM account a"
          + " JOIN tenant t ON t.id = a.tenant_id";

  private final Jdbi jdbi;

  public DirectoryChangeLog(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Appends a change of {@code domain} ({@code user} null: the tenant itself) inside the caller's
   * transaction, so the change is visible exactly when the write is.
   */
  public static void record(Handle h, String domain, String user) {
    h.createUpdate(
            "INSERT INTO directory_change (sip_domain, user_part, changed_at)"
                + " VALUES (:d, :u, :at)")
        .bind("d", domain.trim().toLowerCase(Locale.ROOT))
        .bind("u", user)
        .bind("at", OffsetDateTime.now(ZoneOffset.UTC))
        .execute();
  }

  /** The highest change id so far, 0 when there is none; read it before a full load. */
  public long latestId() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT COALESCE(MAX(id), 0) FROM directory_change")
                .mapTo(Long.class)
                .one());
  }

  /** Up to {@code limit} changes with an id above {@code afterId}, oldest first. */
  public List<DirectoryChange> changesAfter(long afterId, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT id, sip_domain, user_part FROM directory_change WHERE id > :after"
                        + " ORDER BY id LIMIT :limit")
                .bind("after", afterId)
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new DirectoryChange(
                            rs.getLong("id"),
                            rs.getString("sip_domain"),
                            rs.getString("user_part")))
                .list());
  }

  /** Every tenant with its status and routing mode. */
  public List<TenantEntry> tenants() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT sip_domain, status, routing_mode FROM tenant")
                .map(DirectoryChangeLog::mapTenant)
                .list());
  }

  public Optional<TenantEntry> tenant(String domain) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT sip_domain, status, routing_mode FROM tenant WHERE sip_domain = :d")
                .bind("d", domain.toLowerCase(Locale.ROOT))
                .map(DirectoryChangeLog::mapTenant)
                .findOne());
  }

  /** Every account of every tenant (100,000 rows are a few megabytes). */
  public List<SubscriberEntry> subscribers() {
    return jdbi.withHandle(
        h -> h.createQuery(SUBSCRIBER_SELECT).map(DirectoryChangeLog::mapSubscriber).list());
  }

  /** The accounts of one tenant, after a tenant-wide change such as a bulk import. */
  public List<SubscriberEntry> subscribers(String domain) {
    return jdbi.withHandle(
        h ->
            h.createQuery(SUBSCRIBER_SELECT + " WHERE t.sip_domain = :d")
                .bind("d", domain.toLowerCase(Locale.ROOT))
                .map(DirectoryChangeLog::mapSubscriber)
                .list());
  }

  public Optional<SubscriberEntry> subscriber(String domain, String user) {
    return jdbi.withHandle(
        h ->
            h.createQuery(SUBSCRIBER_SELECT + " WHERE t.sip_domain = :d AND a.user_part = :u")
                .bind("d", domain.toLowerCase(Locale.ROOT))
                .bind("u", user)
                .map(DirectoryChangeLog::mapSubscriber)
                .findOne());
  }

  private static TenantEntry mapTenant(ResultSet rs, StatementContext ctx) throws SQLException {
    return new TenantEntry(
        rs.getString("sip_domain"),
        TenantStatus.parse(rs.getString("status")),
        rs.getString("routing_mode"));
  }

  private static SubscriberEntry mapSubscriber(ResultSet rs, StatementContext ctx)
      throws SQLException {
    return new SubscriberEntry(
        rs.getString("sip_domain"),
        rs.getString("user_part"),
        rs.getString("ha1_md5").trim(),
        rs.getString("ha1_sha256").trim(),
        rs.getBoolean("enabled"));
  }
}
