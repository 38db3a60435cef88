package dev.switchboard.ops.customer;

import dev.switchboard.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

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

  /** Writes the tenant's weeks that have no row yet (imported or demo history). */
  public static void insertMissing(Handle h, long tenantId, List<WeekSignals> weeks) {
    if (weeks.isEmpty()) {
      return;
    }
    PreparedBatch b =
        h.prepareBatch(
            "INSERT INTO tenant_usage_week (tenant_id, week_start, seats, registered_seats,"
                + " active_days, calls, minutes, console_logins, features_used) SELECT :t, :w,"
                + " :seats, :reg, :days, :calls, :minutes, :logins, :features WHERE NOT EXISTS"
                + " (SELECT 1 FROM tenant_usage_week WHERE tenant_id = :t AND week_start = :w)");
    for (WeekSignals u : weeks) {
      b.bind("t", tenantId)
          .bind("w", u.weekStart())
          .bind("seats", u.seats())
          .bind("reg", u.registeredSeats())
          .bind("days", u.activeDays())
          .bind("calls", u.calls())
          .bind("minutes", u.minutes())
          .bind("logins", u.consoleLogins())
          .bind("features", u.featuresUsed())
          .add();
    }
    b.execute();
  }

  /** A row of {@code tenant_usage_week} read from column {@code first} on. */
  public static WeekSignals map(ResultSet rs, int first) throws SQLException {
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
