package dev.switchboard.ops.success;

import dev.switchboard.ops.customer.BusinessCalendar;
import dev.switchboard.store.Database;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.NotFoundException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** Stores owner tasks; one per tenant, kind and source, so repeated runs make no duplicates. */
public final class TaskRepository {

  static final Set<String> KINDS = Set.of("health", "renewal", "referral");

  private final Database db;
  private final Clock clock;

  public TaskRepository(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Creates the task unless one with the same tenant, kind and source exists; true if created. The
   * owner is the customer's owner from customer_profile.
   */
  static boolean create(
      Handle h, Clock clock, long tenantId, String kind, String title, LocalDate due, String ref) {
    if (!KINDS.contains(kind)) {
      throw new InvalidValueException("kind", "unknown task kind: " + kind);
    }
    int n =
        h.createUpdate(
                "INSERT INTO success_task (tenant_id, kind, title, owner_email, due_on, status,"
                    + " source_ref, created_at) SELECT t.id, :kind, :title, p.owner_email, :due,"
                    + " 'open', :ref, :now FROM tenant t LEFT JOIN customer_profile p ON"
                    + " p.tenant_id = t.id WHERE t.id = :t AND NOT EXISTS (SELECT 1 FROM"
                    + " success_task x WHERE x.tenant_id = :t AND x.kind = :kind AND x.source_ref ="
                    + " :ref)")
            .bind("t", tenantId)
            .bind("kind", kind)
            .bind("title", title)
            .bind("due", due)
            .bind("ref", ref)
            .bind("now", BusinessCalendar.utc(clock.instant()))
            .execute();
    return n > 0;
  }

  public boolean create(long tenantId, String kind, String title, LocalDate due, String ref) {
    return db.jdbi().inTransaction(h -> create(h, clock, tenantId, kind, title, due, ref));
  }

  /** Tasks by status (null: all) and kind (null: all), soonest due first. */
  public List<SuccessTask> list(String status, String kind, Long tenantId, int limit) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT k.id, k.tenant_id, t.sip_domain, k.kind, k.title, k.owner_email, k.due_on,"
                + " k.status, k.source_ref, k.created_at FROM success_task k JOIN tenant t ON t.id"
                + " = k.tenant_id WHERE 1 = 1");
    if (status != null) {
      sql.append(" AND k.status = :status");
    }
    if (kind != null) {
      sql.append(" AND k.kind = :kind");
    }
    if (tenantId != null) {
      sql.append(" AND k.tenant_id = :tenant");
    }
    sql.append(" ORDER BY k.due_on, k.id LIMIT :limit");
    return db.jdbi()
        .withHandle(
            h -> {
              var q = h.createQuery(sql.toString()).bind("limit", limit);
              if (status != null) {
                q.bind("status", status);
              }
              if (kind != null) {
                q.bind("kind", kind);
              }
              if (tenantId != null) {
                q.bind("tenant", tenantId);
              }
              return q.map(
                      (rs, ctx) ->
                          new SuccessTask(
                              rs.getLong(1),
                              rs.getLong(2),
                              rs.getString(3),
                              rs.getString(4),
                              rs.getString(5),
                              rs.getString(6),
                              rs.getObject(7, LocalDate.class),
                              rs.getString(8),
                              rs.getString(9),
                              rs.getObject(10, java.time.OffsetDateTime.class).toInstant()))
                  .list();
            });
  }

  /** Marks a task done. */
  public void complete(long id) {
    int n =
        db.jdbi()
            .withHandle(
                h ->
                    h.createUpdate(
                            "UPDATE success_task SET status = 'done', closed_at = :now WHERE id = :id")
                        .bind("id", id)
                        .bind("now", BusinessCalendar.utc(clock.instant()))
                        .execute());
    if (n == 0) {
      throw new NotFoundException("id", "task " + id + " not found");
    }
  }
}
