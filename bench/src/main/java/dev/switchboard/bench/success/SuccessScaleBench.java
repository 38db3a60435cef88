package dev.switchboard.bench.success;

import dev.switchboard.ops.customer.UsageRollup;
import dev.switchboard.ops.success.HealthRun;
import dev.switchboard.ops.success.PaymentPunctuality;
import dev.switchboard.ops.success.SuccessSettings;
import dev.switchboard.store.Database;
import dev.switchboard.store.DatabaseSettings;
import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Handle;

/**
 * Generates tenants, accounts, registration events and call records of one business week straight
 * into H2 or PostgreSQL, then times the weekly rollup and the health scoring run:
 *
 * <pre>
 * SuccessScaleBench h2|postgresql [tenants [calls]]   (PostgreSQL: SWITCHBOARD_TEST_PG_URL, _USER,
 *   _PASSWORD; defaults 100,000 tenants and 10,000,000 call records)
 * </pre>
 */
public final class SuccessScaleBench {

  static final LocalDate WEEK = LocalDate.of(2026, 11, 16);

  private SuccessScaleBench() {}

  public static void main(String[] args) throws Exception {
    String kind = args.length > 0 ? args[0] : "h2";
    int tenants = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    long calls = args.length > 2 ? Long.parseLong(args[2]) : 10_000_000L;
    DatabaseSettings settings =
        kind.equals("postgresql")
            ? new DatabaseSettings(
                System.getenv("SWITCHBOARD_TEST_PG_URL"),
                System.getenv("SWITCHBOARD_TEST_PG_USER"),
                System.getenv("SWITCHBOARD_TEST_PG_PASSWORD"))
            : DatabaseSettings.embedded(Files.createTempDirectory("success-bench"));
    try (Database db = Database.open(settings)) {
      boolean pg = kind.equals("postgresql");
      long t0 = System.nanoTime();
      db.jdbi().useHandle(h -> generate(h, pg, tenants, calls));
      long t1 = System.nanoTime();
      System.out.printf(
          "[%s] generated %d tenants, %d accounts, %d registration events, %d call records in %.1f s%n",
          kind,
          count(db, "tenant"),
          count(db, "account"),
          count(db, "registration_event"),
          count(db, "call_record"),
          (t1 - t0) / 1e9);
      Clock clock =
          Clock.fixed(WEEK.plusDays(7).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
      long r0 = System.nanoTime();
      int rows = new UsageRollup(db).rollup(WEEK);
      long r1 = System.nanoTime();
      HealthRun.Summary s =
          new HealthRun(db, new SuccessSettings(db, clock), PaymentPunctuality.NONE, clock)
              .run(WEEK);
      long r2 = System.nanoTime();
      System.out.printf(
          "[%s] rollup %d tenants in %.2f s; scoring %d tenants in %.2f s (red %d, yellow %d, green %d, tasks %d); total %.2f s%n",
          kind,
          rows,
          (r1 - r0) / 1e9,
          s.scored(),
          (r2 - r1) / 1e9,
          s.red(),
          s.yellow(),
          s.green(),
          s.tasks(),
          (r2 - r0) / 1e9);
      check(rows == tenants, "rolled up " + rows + " of " + tenants + " tenants");
      check(s.scored() == tenants, "scored " + s.scored() + " of " + tenants + " tenants");
      long total =
          db.jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT SUM(calls) FROM tenant_usage_week WHERE week_start = :w")
                          .bind("w", WEEK)
                          .mapTo(Long.class)
                          .one());
      check(total == calls, "the week holds " + total + " of " + calls + " calls");
    }
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException(what);
    }
  }

  private static long count(Database db, String table) {
    return db.jdbi()
        .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
  }

  private static String range(boolean pg, long n) {
    return pg
        ? "generate_series(CAST(1 AS BIGINT), " + n + ") AS r(x)"
        : "(SELECT \"X\" AS x FROM SYSTEM_RANGE(1, " + n + ")) r";
  }

  /** An instant {@code seconds} after the week's Monday 00:00 in Shanghai. */
  private static String at(boolean pg, String seconds) {
    String monday = "TIMESTAMP WITH TIME ZONE '" + WEEK + " 00:00:00+08:00'";
    return pg
        ? "(" + monday + " + (" + seconds + ") * INTERVAL '1 second')"
        : "DATEADD(SECOND, " + seconds + ", " + monday + ")";
  }

  private static void generate(Handle h, boolean pg, int tenants, long calls) {
    String x = "r.x";
    h.execute(
        "INSERT INTO tenant (sip_domain, name, status, time_zone, created_at, routing_mode) SELECT"
            + " CONCAT('t', "
            + x
            + ", '.bench'), CONCAT('Tenant ', "
            + x
            + "), 'active', 'UTC',"
            + " TIMESTAMP WITH TIME ZONE '2025-01-01 00:00:00+00:00', 'proxy' FROM "
            + range(pg, tenants));
    // Five extensions each; every third tenant's first extension has voicemail.
    for (int s = 1; s <= 5; s++) {
      h.execute(
          "INSERT INTO account (tenant_id, user_part, ha1_md5, ha1_sha256, enabled, voicemail,"
              + " no_answer_seconds, created_at) SELECT id, '100"
              + s
              + "',"
              + " '00000000000000000000000000000000',"
              + " '0000000000000000000000000000000000000000000000000000000000000000', TRUE, "
              + (s == 1 ? "MOD(id, 3) = 0" : "FALSE")
              + ", 20, created_at FROM tenant");
    }
    // Two registrations per extension of four in five tenants during the week.
    h.execute(
        "INSERT INTO registration_event (sip_domain, aor, contact, kind, occurred_at) SELECT"
            + " CONCAT('t', MOD("
            + x
            + ", "
            + tenants
            + "), '.bench'), CONCAT('sip:100', MOD("
            + x
            + ", 4) + 1,"
            + " '@t', MOD("
            + x
            + ", "
            + tenants
            + "), '.bench'), 'sip:x@10.0.0.1', CASE WHEN "
            + x
            + " <= "
            + 4L * tenants
            + " THEN 'added' ELSE 'refreshed' END, "
            + at(pg, "MOD(" + x + " * 7919, 604800)")
            + " FROM "
            + range(pg, 8L * tenants)
            + " WHERE MOD(MOD("
            + x
            + ", "
            + tenants
            + "), 5) <> 0");
    h.execute(
        "INSERT INTO call_record (sip_domain, call_id, from_uri, to_uri, direction, setup_time,"
            + " answer_time, end_time, duration_seconds, status, ended_by) SELECT CONCAT('t', MOD("
            + x
            + ", "
            + tenants
            + ") + 1, '.bench'), CONCAT('c', "
            + x
            + "), 'sip:1001@x', 'sip:1002@x',"
            + " 'internal', "
            + at(pg, "MOD(" + x + " * 104729, 604800)")
            + ", NULL, "
            + at(pg, "MOD(" + x + " * 104729, 604800)")
            + ", MOD("
            + x
            + ", 300), 200, 'caller' FROM "
            + range(pg, calls));
    // Three earlier weeks of history so the four-week window is full.
    for (int w = 1; w <= 3; w++) {
      h.createUpdate(
              "INSERT INTO tenant_usage_week SELECT id, :w, 5, MOD(id, 6), MOD(id, 8), MOD(id, 200),"
                  + " MOD(id, 500), MOD(id, 3), MOD(id, 64) FROM tenant")
          .bind("w", WEEK.minusWeeks(w))
          .execute();
    }
    if (pg) {
      h.execute("ANALYZE");
    }
  }
}
