package dev.switchboard.ops.success;

import dev.switchboard.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/** Reads a tenant's rows of {@code tenant_usage_week}. */
public final class UsageWeeks {

  private final Database db;

  public UsageWeeks(Database db) {
    this.db = db;
  }

  /** The tenant's weeks from {@code from} on, oldest first. */
  public List<WeekSignals> weeks(long tenantId, LocalDate from) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT week_start, seats, registered_seats, active_days, calls, minutes,"
                            + " console_logins, features_used FROM tenant_usage_week WHERE"
                            + " tenant_id = :t AND week_start >= :from ORDER BY week_start")
                    .bind("t", tenantId)
                    .bind("from", from)
                    .map((rs, ctx) -> map(rs, 1))
                    .list());
  }

  static WeekSignals map(ResultSet rs, int first) throws SQLException {
    return new WeekSignals(
        rs.getObject(first, LocalDate.class),
        rs.getInt(first + 1),
        rs.getInt(first + 2),
        rs.getInt(first + 3),
        rs.getInt(first + 4),
        rs.getInt(first + 5),
        rs.getInt(first + 6),
        rs.getInt(first + 7));
  }
}
