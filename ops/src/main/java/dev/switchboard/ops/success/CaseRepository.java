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
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Stores service cases: opening sets the SLA due times from the priority (raised to the customer's
 * tier's floor), every status change is appended to the history, and breaches are marked.
 */
public final class CaseRepository {

  private static final String COLUMNS =
      "c.id, t.sip_domain, c.kind, c.subject, c.body, c.contact_name, c.contact_email,"
          + " c.priority, c.owner_email, c.status, c.opened_at, c.response_due, c.resolve_due,"
          + " c.responded_at, c.resolved_at, c.breached";

  private final Database db;
  private final Clock clock;

  public CaseRepository(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Opens a case now. */
  public ServiceCase open(NewCase c) {
    return open(c, clock.instant());
  }

  /** Opens a case at {@code at} (demo history and imports open cases in the past). */
  public ServiceCase open(NewCase c, Instant at) {
    String subject = Tenant.requireText("subject", c.subject(), 300);
    if (c.kind() == null) {
      throw new InvalidValueException("kind", "kind is required");
    }
    String body = optional("body", c.body(), 4000);
    String contactName = optional("contactName", c.contactName(), 200);
    String contactEmail = optional("contactEmail", c.contactEmail(), 254);
    String owner = optional("ownerEmail", c.ownerEmail(), 254);
    long id =
        db.jdbi()
            .inTransaction(
                h -> {
                  long tenant =
                      TenantRepository.idOf(h, c.domain())
                          .orElseThrow(
                              () -> new NotFoundException("domain", "no tenant " + c.domain()));
                  CasePriority requested =
                      c.priority() == null ? CasePriority.NORMAL : c.priority();
                  CasePriority priority = requested.atLeast(tierFloor(h, tenant));
                  int[] sla = sla(h, priority);
                  OffsetDateTime opened = BusinessCalendar.utc(at);
                  long caseId =
                      h.createUpdate(
                              "INSERT INTO success_case (tenant_id, kind, subject, body,"
                                  + " contact_name, contact_email, priority, owner_email, status,"
                                  + " opened_at, response_due, resolve_due, breached) VALUES (:t,"
                                  + " :kind, :subject, :body, :cn, :ce, :p, :owner, 'open', :at,"
                                  + " :rd, :sd, FALSE)")
                          .bind("t", tenant)
                          .bind("kind", c.kind().wireName())
                          .bind("subject", subject)
                          .bind("body", body)
                          .bind("cn", contactName)
                          .bind("ce", contactEmail)
                          .bind("p", priority.wireName())
                          .bind("owner", owner == null ? ownerOf(h, tenant) : owner)
                          .bind("at", opened)
                          .bind("rd", opened.plusMinutes(sla[0]))
                          .bind("sd", opened.plusMinutes(sla[1]))
                          .executeAndReturnGeneratedKeys("id")
                          .mapTo(Long.class)
                          .one();
                  event(h, caseId, null, CaseStatus.OPEN, null, owner, opened);
                  return caseId;
                });
    return get(id);
  }

  private static String optional(String field, String value, int max) {
    return value == null || value.isBlank() ? null : Tenant.requireText(field, value, max);
  }

  private static CasePriority tierFloor(Handle h, long tenant) {
    return h.createQuery(
            "SELECT s.min_case_priority FROM customer_profile p JOIN success_tier s ON s.code ="
                + " p.tier WHERE p.tenant_id = :t")
        .bind("t", tenant)
        .mapTo(String.class)
        .findOne()
        .map(CasePriority::parse)
        .orElse(CasePriority.LOW);
  }

  private static String ownerOf(Handle h, long tenant) {
    return h.createQuery("SELECT owner_email FROM customer_profile WHERE tenant_id = :t")
        .bind("t", tenant)
        .mapTo(String.class)
        .findOne()
        .orElse(null);
  }

  private static int[] sla(Handle h, CasePriority p) {
    return h.createQuery(
            "SELECT response_minutes, resolve_minutes FROM success_sla WHERE priority = :p")
        .bind("p", p.wireName())
        .map((rs, ctx) -> new int[] {rs.getInt(1), rs.getInt(2)})
        .one();
  }

  private static void event(
      Handle h,
      long caseId,
      CaseStatus from,
      CaseStatus to,
      String note,
      String actor,
      OffsetDateTime at) {
    h.createUpdate(
            "INSERT INTO success_case_event (case_id, from_status, to_status, note, actor,"
                + " occurred_at) VALUES (:c, :f, :to, :n, :a, :at)")
        .bind("c", caseId)
        .bind("f", from == null ? null : from.wireName())
        .bind("to", to.wireName())
        .bind("n", note)
        .bind("a", actor)
        .bind("at", at)
        .execute();
  }

  public ServiceCase get(long id) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT "
                            + COLUMNS
                            + " FROM success_case c JOIN tenant t ON t.id = c.tenant_id WHERE c.id = :id")
                    .bind("id", id)
                    .map((rs, ctx) -> map(rs))
                    .findOne())
        .orElseThrow(() -> new NotFoundException("id", "case " + id + " not found"));
  }

  /** Cases filtered by status, kind and tenant (each null: any), newest first. */
  public List<ServiceCase> list(CaseStatus status, CaseKind kind, String domain, int limit) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT "
                + COLUMNS
                + " FROM success_case c JOIN tenant t ON t.id = c.tenant_id WHERE 1 = 1");
    if (status != null) {
      sql.append(" AND c.status = :status");
    }
    if (kind != null) {
      sql.append(" AND c.kind = :kind");
    }
    if (domain != null) {
      sql.append(" AND t.sip_domain = :domain");
    }
    sql.append(" ORDER BY c.opened_at DESC, c.id DESC LIMIT :limit");
    return db.jdbi()
        .withHandle(
            h -> {
              var q = h.createQuery(sql.toString()).bind("limit", limit);
              if (status != null) {
                q.bind("status", status.wireName());
              }
              if (kind != null) {
                q.bind("kind", kind.wireName());
              }
              if (domain != null) {
                q.bind("domain", domain.toLowerCase(java.util.Locale.ROOT));
              }
              return q.map((rs, ctx) -> map(rs)).list();
            });
  }

  /** Moves a case to {@code to} now. */
  public ServiceCase transition(long id, CaseStatus to, String note, String actor) {
    return transition(id, to, note, actor, clock.instant());
  }

  /**
   * Moves a case to {@code to} at {@code at}: the first move out of open is the first response; a
   * move to resolved stops the resolution clock; either after its due time marks the breach.
   */
  public ServiceCase transition(long id, CaseStatus to, String note, String actor, Instant at) {
    ServiceCase c = get(id);
    if (!c.status().next().contains(to)) {
      throw new InvalidValueException(
          "status", "a " + c.status().wireName() + " case cannot move to " + to.wireName());
    }
    String n = optional("note", note, 1000);
    db.jdbi()
        .useTransaction(
            h -> {
              OffsetDateTime t = BusinessCalendar.utc(at);
              Instant responded = c.respondedAt() == null ? at : c.respondedAt();
              Instant resolved =
                  to == CaseStatus.RESOLVED ? at : to == CaseStatus.OPEN ? null : c.resolvedAt();
              if (to == CaseStatus.CLOSED && resolved == null) {
                resolved = at;
              }
              boolean breached =
                  c.breached()
                      || responded.isAfter(c.responseDue())
                      || (resolved != null && resolved.isAfter(c.resolveDue()));
              h.createUpdate(
                      "UPDATE success_case SET status = :s, responded_at = :ra, resolved_at = :sa,"
                          + " breached = :b WHERE id = :id")
                  .bind("s", to.wireName())
                  .bind("ra", BusinessCalendar.utc(responded))
                  .bind("sa", resolved == null ? null : BusinessCalendar.utc(resolved))
                  .bind("b", breached)
                  .bind("id", id)
                  .execute();
              event(h, id, c.status(), to, n, actor, t);
            });
    return get(id);
  }

  /** Gives the case to {@code owner}. */
  public ServiceCase assign(long id, String owner) {
    String o = Tenant.requireText("ownerEmail", owner, 254);
    int n =
        db.jdbi()
            .withHandle(
                h ->
                    h.createUpdate("UPDATE success_case SET owner_email = :o WHERE id = :id")
                        .bind("o", o)
                        .bind("id", id)
                        .execute());
    if (n == 0) {
      throw new NotFoundException("id", "case " + id + " not found");
    }
    return get(id);
  }

  /** The case's status history, oldest first. */
  public List<CaseEvent> history(long id) {
    get(id);
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT from_status, to_status, note, actor, occurred_at FROM"
                            + " success_case_event WHERE case_id = :id ORDER BY id")
                    .bind("id", id)
                    .map(
                        (rs, ctx) ->
                            new CaseEvent(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getObject(5, OffsetDateTime.class).toInstant()))
                    .list());
  }

  /**
   * Marks every case whose response or resolution is overdue at {@code now} as breached; returns
   * how many were newly marked.
   */
  public int markBreaches(Instant now) {
    OffsetDateTime t = BusinessCalendar.utc(now);
    return db.jdbi()
        .withHandle(
            h ->
                h.createUpdate(
                        "UPDATE success_case SET breached = TRUE WHERE breached = FALSE AND"
                            + " ((responded_at IS NULL AND response_due < :now) OR (resolved_at IS"
                            + " NULL AND resolve_due < :now))")
                    .bind("now", t)
                    .execute());
  }

  /** The SLA targets in minutes per priority: [response, resolve]. */
  public java.util.Map<CasePriority, Duration[]> slas() {
    java.util.Map<CasePriority, Duration[]> out = new java.util.EnumMap<>(CasePriority.class);
    db.jdbi()
        .useHandle(
            h -> {
              for (CasePriority p : CasePriority.values()) {
                int[] s = sla(h, p);
                out.put(p, new Duration[] {Duration.ofMinutes(s[0]), Duration.ofMinutes(s[1])});
              }
            });
    return out;
  }

  private static ServiceCase map(ResultSet rs) throws SQLException {
    return new ServiceCase(
        rs.getLong(1),
        rs.getString(2),
        CaseKind.parse(rs.getString(3)),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        CasePriority.parse(rs.getString(8)),
        rs.getString(9),
        CaseStatus.parse(rs.getString(10)),
        instant(rs, 11),
        instant(rs, 12),
        instant(rs, 13),
        instant(rs, 14),
        instant(rs, 15),
        rs.getBoolean(16));
  }

  static Instant instant(ResultSet rs, int col) throws SQLException {
    OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
