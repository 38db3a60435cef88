package dev.switchboard.ops.customer;

import dev.switchboard.store.Database;
import dev.switchboard.store.RowInserter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The weekly rollup: for every live (trial or active) tenant, one {@code tenant_usage_week} row
 * from the SIP side's {@code registration_event} and {@code call_record} of that business week.
 *
 * <p>seats = enabled accounts now; registered_seats = distinct AORs with an added or refreshed
 * registration in the week; active_days = business days with a registration or a call; calls = call
 * attempts; minutes = their seconds / 60, rounded; features_used = voicemail (1) and forwarding (2)
 * when an enabled account has them configured and the tenant called that week (the call records do
 * not show ring groups, transfers, conferences or recording, so those bits stay 0); console_logins
 * = 0 (staff sessions live in memory only). A tenant without accounts and without any event has
 * nothing to roll up and keeps an imported row if there is one.
 */
public final class UsageRollup {

  private static final String LIVE = "status IN ('trial', 'active')";

  private final Database db;

  public UsageRollup(Database db) {
    this.db = db;
  }

  /** Rolls up the week starting on {@code monday}; returns the rows written. */
  public int rollup(LocalDate monday) {
    LocalDate week = BusinessCalendar.weekStart(monday);
    var from = BusinessCalendar.utc(BusinessCalendar.startOf(week));
    var to = BusinessCalendar.utc(BusinessCalendar.startOf(week.plusDays(7)));
    long firstDay = Math.floorDiv(from.toEpochSecond() + BusinessCalendar.OFFSET_SECONDS, 86400);
    String dayExpr =
        "FLOOR((EXTRACT(EPOCH FROM %s) + " + BusinessCalendar.OFFSET_SECONDS + ") / 86400)";
    return db.jdbi()
        .inTransaction(
            h -> {
              Map<String, Acc> byDomain = new HashMap<>();
              Map<Long, Acc> byId = new HashMap<>();
              h.createQuery("SELECT id, sip_domain FROM tenant WHERE " + LIVE)
                  .map((rs, ctx) -> new Acc(rs.getLong(1), rs.getString(2)))
                  .forEach(
                      a -> {
                        byDomain.put(a.domain, a);
                        byId.put(a.tenantId, a);
                      });
              h.createQuery(
                      "SELECT tenant_id, COUNT(*),"
                          + " SUM(CASE WHEN voicemail THEN 1 ELSE 0 END),"
                          + " SUM(CASE WHEN forward_unconditional IS NOT NULL OR forward_busy IS"
                          + " NOT NULL OR forward_no_answer IS NOT NULL THEN 1 ELSE 0 END)"
                          + " FROM account WHERE enabled = TRUE GROUP BY tenant_id")
                  .map(
                      (rs, ctx) -> {
                        Acc a = byId.get(rs.getLong(1));
                        if (a != null) {
                          a.seats = rs.getInt(2);
                          a.voicemail = rs.getInt(3) > 0;
                          a.forwarding = rs.getInt(4) > 0;
                        }
                        return a;
                      })
                  .forEach(a -> {});
              h.createQuery(
                      "SELECT sip_domain, "
                          + dayExpr.formatted("setup_time")
                          + " AS d, COUNT(*), SUM(duration_seconds) FROM call_record"
                          + " WHERE setup_time >= :from AND setup_time < :to GROUP BY sip_domain, "
                          + dayExpr.formatted("setup_time"))
                  .bind("from", from)
                  .bind("to", to)
                  .map(
                      (rs, ctx) -> {
                        Acc a = byDomain.get(rs.getString(1));
                        if (a != null) {
                          a.days |= dayBit(rs.getLong(2) - firstDay);
                          a.calls += rs.getLong(3);
                          a.seconds += rs.getLong(4);
                        }
                        return a;
                      })
                  .forEach(a -> {});
              h.createQuery(
                      "SELECT sip_domain, "
                          + dayExpr.formatted("occurred_at")
                          + " AS d FROM registration_event WHERE occurred_at >= :from"
                          + " AND occurred_at < :to AND kind IN ('added', 'refreshed')"
                          + " GROUP BY sip_domain, "
                          + dayExpr.formatted("occurred_at"))
                  .bind("from", from)
                  .bind("to", to)
                  .map(
                      (rs, ctx) -> {
                        Acc a = byDomain.get(rs.getString(1));
                        if (a != null) {
                          a.days |= dayBit(rs.getLong(2) - firstDay);
                        }
                        return a;
                      })
                  .forEach(a -> {});
              h.createQuery(
                      "SELECT sip_domain, COUNT(DISTINCT aor) FROM registration_event"
                          + " WHERE occurred_at >= :from AND occurred_at < :to"
                          + " AND kind IN ('added', 'refreshed') GROUP BY sip_domain")
                  .bind("from", from)
                  .bind("to", to)
                  .map(
                      (rs, ctx) -> {
                        Acc a = byDomain.get(rs.getString(1));
                        if (a != null) {
                          a.registered = rs.getInt(2);
                        }
                        return a;
                      })
                  .forEach(a -> {});
              List<Acc> rows = new ArrayList<>();
              for (Acc a : byId.values()) {
                if (a.seats > 0 || a.days != 0) {
                  rows.add(a);
                }
              }
              return write(h, week, rows);
            });
  }

  private static int dayBit(long dayInWeek) {
    return dayInWeek >= 0 && dayInWeek < 7 ? 1 << dayInWeek : 0;
  }

  private static int write(Handle h, LocalDate week, List<Acc> rows) {
    // Replace only the rows written now, so imported history of tenants without SIP data stays:
    // tenants with accounts in one statement, the rare ones with events but no accounts one by one.
    h.createUpdate(
            "DELETE FROM tenant_usage_week WHERE week_start = :w AND tenant_id IN (SELECT DISTINCT"
                + " a.tenant_id FROM account a JOIN tenant t ON t.id = a.tenant_id WHERE t."
                + LIVE
                + " AND a.enabled = TRUE)")
        .bind("w", week)
        .execute();
    RowInserter insert =
        new RowInserter(
            h,
            "INSERT INTO tenant_usage_week (tenant_id, week_start, seats, registered_seats,"
                + " active_days, calls, minutes, console_logins, features_used)",
            9);
    for (Acc a : rows) {
      if (a.seats == 0) {
        h.createUpdate("DELETE FROM tenant_usage_week WHERE week_start = :w AND tenant_id = :t")
            .bind("w", week)
            .bind("t", a.tenantId)
            .execute();
      }
      int features = 0;
      if (a.calls > 0) {
        features |= a.voicemail ? WeekSignals.VOICEMAIL : 0;
        features |= a.forwarding ? WeekSignals.FORWARDING : 0;
      }
      insert.add(
          a.tenantId,
          week,
          a.seats,
          a.registered,
          Integer.bitCount(a.days),
          (int) Math.min(Integer.MAX_VALUE, a.calls),
          (int) Math.min(Integer.MAX_VALUE, Math.round(a.seconds / 60.0)),
          0,
          features);
    }
    return insert.finish();
  }

  /** One tenant's counts while the rollup reads. */
  private static final class Acc {
    final long tenantId;
    final String domain;
    int seats;
    boolean voicemail;
    boolean forwarding;
    int registered;
    int days;
    long calls;
    long seconds;

    Acc(long tenantId, String domain) {
      this.tenantId = tenantId;
      this.domain = domain;
    }
  }
}
