package dev.switchboard.store.tenant;

import dev.switchboard.store.DuplicateException;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.SqlErrors;
import dev.switchboard.store.directory.DirectoryChangeLog;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Stores tenants; deleting one removes its accounts through the foreign key's cascade. */
public final class TenantRepository implements TenantDirectory {

  private static final String COLUMNS =
      "sip_domain, name, status, industry, time_zone, created_at, routing_mode";

  private final Jdbi jdbi;

  public TenantRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Inserts {@code tenant}; {@link DuplicateException} on field "domain" if the domain is taken.
   */
  public Tenant create(Tenant tenant) {
    try {
      jdbi.useTransaction(
          h -> {
            h.createUpdate(
                    "INSERT INTO tenant ("
                        + COLUMNS
                        + ") VALUES (:domain, :name, :status, :industry, :tz, :created, :mode)")
                .bind("domain", tenant.domain())
                .bind("name", tenant.name())
                .bind("status", tenant.status().wireName())
                .bind("industry", tenant.industry())
                .bind("tz", tenant.timeZone().getId())
                .bind("created", OffsetDateTime.ofInstant(tenant.createdAt(), ZoneOffset.UTC))
                .bind("mode", tenant.routingMode().wireName())
                .execute();
            DirectoryChangeLog.record(h, tenant.domain(), null);
          });
    } catch (UnableToExecuteStatementException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw new DuplicateException(
            "domain", "a tenant with domain " + tenant.domain() + " exists");
      }
      throw e;
    }
    return get(tenant.domain());
  }

  /** All tenants ordered by domain. */
  public List<Tenant> list() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM tenant ORDER BY sip_domain")
                .map(TenantRepository::map)
                .list());
  }

  @Override
  public Optional<Tenant> find(String domain) {
    String d = lower(domain);
    return jdbi.withHandle(h -> find(h, d));
  }

  /** The tenant of {@code domain} or a {@link NotFoundException}. */
  public Tenant get(String domain) {
    return find(domain).orElseThrow(() -> notFound(domain));
  }

  @Override
  public boolean isLocalDomain(String domain) {
    String d = lower(domain);
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT COUNT(*) FROM tenant WHERE sip_domain = :d")
                    .bind("d", d)
                    .mapTo(Long.class)
                    .one()
                > 0);
  }

  /**
   * Writes the mutable fields (name, status, industry, time zone, routing mode) of an existing
   * tenant.
   */
  public Tenant update(Tenant tenant) {
    int rows =
        jdbi.inTransaction(
            h -> {
              int n =
                  h.createUpdate(
                          "UPDATE tenant SET name = :name, status = :status, industry = :industry,"
                              + " time_zone = :tz, routing_mode = :mode WHERE sip_domain = :domain")
                      .bind("domain", tenant.domain())
                      .bind("name", tenant.name())
                      .bind("status", tenant.status().wireName())
                      .bind("industry", tenant.industry())
                      .bind("tz", tenant.timeZone().getId())
                      .bind("mode", tenant.routingMode().wireName())
                      .execute();
              if (n > 0) {
                DirectoryChangeLog.record(h, tenant.domain(), null);
              }
              return n;
            });
    if (rows == 0) {
      throw notFound(tenant.domain());
    }
    return get(tenant.domain());
  }

  /** Removes the tenant and, by cascade, all its accounts. */
  public void delete(String domain) {
    String d = lower(domain);
    int rows =
        jdbi.inTransaction(
            h -> {
              int n =
                  h.createUpdate("DELETE FROM tenant WHERE sip_domain = :d").bind("d", d).execute();
              if (n > 0) {
                DirectoryChangeLog.record(h, d, null);
              }
              return n;
            });
    if (rows == 0) {
      throw notFound(d);
    }
  }

  /** The database id of the tenant of {@code domain}, for rows that refer to it. */
  public static Optional<Long> idOf(Handle h, String domain) {
    return h.createQuery("SELECT id FROM tenant WHERE sip_domain = :d")
        .bind("d", lower(domain))
        .mapTo(Long.class)
        .findOne();
  }

  private static Optional<Tenant> find(Handle h, String domain) {
    return h.createQuery("SELECT " + COLUMNS + " FROM tenant WHERE sip_domain = :d")
        .bind("d", domain)
        .map(TenantRepository::map)
        .findOne();
  }

  private static Tenant map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Tenant(
        rs.getString("sip_domain"),
        rs.getString("name"),
        TenantStatus.parse(rs.getString("status")),
        rs.getString("industry"),
        ZoneId.of(rs.getString("time_zone")),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        RoutingMode.parse(rs.getString("routing_mode")));
  }

  public static String lower(String domain) {
    if (domain == null) {
      throw new InvalidValueException("domain", "domain is required");
    }
    return domain.trim().toLowerCase(Locale.ROOT);
  }

  public static NotFoundException notFound(String domain) {
    return new NotFoundException("domain", "no tenant with domain " + lower(domain));
  }
}
