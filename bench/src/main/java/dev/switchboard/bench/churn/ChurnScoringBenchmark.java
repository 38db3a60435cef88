package dev.switchboard.bench.churn;

import dev.switchboard.demo.DemoHistory;
import dev.switchboard.demo.churn.DemoCustomers;
import dev.switchboard.ops.churn.ChurnEvaluation;
import dev.switchboard.ops.churn.ChurnHistoryQuery;
import dev.switchboard.ops.churn.ChurnModel;
import dev.switchboard.ops.churn.ChurnScorer;
import dev.switchboard.ops.churn.ChurnStore;
import dev.switchboard.ops.churn.ChurnTraining;
import dev.switchboard.ops.churn.CustomerHistory;
import dev.switchboard.ops.churn.CustomerRisk;
import dev.switchboard.ops.churn.HealthScoreBaseline;
import dev.switchboard.ops.churn.RevenueBasis;
import dev.switchboard.ops.churn.UsageWeek;
import dev.switchboard.store.Database;
import dev.switchboard.store.DatabaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Weekly churn scoring for many tenants, the demo's active customers' usage repeated under new
 * domains: first in memory (features, risk and top reasons for {@code inMemory} tenants), then
 * through an H2 file for {@code tenants} of them (load 24 weeks from tenant_usage_week, score,
 * store the risks). Arguments: {@code [inMemory [tenants [dataDir]]]}.
 */
public final class ChurnScoringBenchmark {

  private ChurnScoringBenchmark() {}

  public static void main(String[] args) throws Exception {
    int inMemory = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int tenants = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
    Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("churn-bench");
    LocalDate today = ChurnEvaluationReport.TODAY;
    DemoHistory history = DemoHistory.generate(DemoHistory.DEMO_SEED, today);
    List<CustomerHistory> demo = DemoCustomers.of(history);
    List<CustomerHistory> active =
        demo.stream().filter(c -> c.activeOn(today) && c.weeks().size() >= 24).toList();
    ChurnModel model =
        ChurnTraining.run("demo", demo, today, null, HealthScoreBaseline.defaults(), 42L).model();

    for (int run = 1; run <= 3; run++) {
      List<CustomerHistory> many = new java.util.ArrayList<>(inMemory);
      for (int i = 0; i < inMemory; i++) {
        CustomerHistory c = active.get(i % active.size());
        many.add(
            new CustomerHistory(
                i + 1L,
                "m" + i + ".bench.test",
                c.company(),
                c.channel(),
                c.industry(),
                c.sizeBand(),
                c.acquiredOn(),
                c.churnedOn(),
                c.weeks()));
      }
      long m0 = System.nanoTime();
      List<CustomerRisk> scored =
          ChurnScorer.score(model, many, today, RevenueBasis.SeatPrice.DEFAULT);
      System.out.printf(
          Locale.ROOT,
          "in memory, run %d: %d tenants: features + %s risk + top 3 reasons + sort %.2f s%n",
          run,
          scored.size(),
          model.kind().code(),
          (System.nanoTime() - m0) / 1e9);
    }
    if (tenants == 0) {
      return;
    }
    try (Database db = Database.open(DatabaseSettings.embedded(dir))) {
      long t0 = System.nanoTime();
      write(db, active, tenants, today);
      double writeS = (System.nanoTime() - t0) / 1e9;

      for (int run = 1; run <= 2; run++) {
        long t1 = System.nanoTime();
        List<CustomerHistory> loaded =
            new ChurnHistoryQuery(db.jdbi()).load(DemoHistory.weekStart(today).minusWeeks(24));
        long t2 = System.nanoTime();
        List<CustomerRisk> risks =
            ChurnScorer.score(model, loaded, today, RevenueBasis.SeatPrice.DEFAULT);
        long t3 = System.nanoTime();
        new ChurnStore(db.jdbi())
            .save(
                Instant.now(),
                today,
                new ChurnEvaluation(
                    "benchmark",
                    today,
                    today,
                    0,
                    0,
                    0,
                    0,
                    List.of(),
                    java.util.Map.of(),
                    model.kind().code(),
                    "none",
                    java.util.Map.of()),
                0,
                0,
                RevenueBasis.SeatPrice.DEFAULT.description(),
                risks);
        long t4 = System.nanoTime();
        System.out.printf(
            Locale.ROOT,
            "run %d (%s): tenants %d (usage rows %d) written in %.1f s%n"
                + "  load usage (24 weeks) %.2f s, features + %s risk + top 3 reasons %.2f s,"
                + " store risks %.2f s; total %.2f s; scored %d%n",
            run,
            run == 1 ? "cold: first query after opening" : "warm",
            tenants,
            tenants * 24L,
            writeS,
            (t2 - t1) / 1e9,
            model.kind().code(),
            (t3 - t2) / 1e9,
            (t4 - t3) / 1e9,
            (t4 - t1) / 1e9,
            risks.size());
      }
    }
  }

  /** Tenants, profiles and the last 24 usage weeks, in batches straight into the tables. */
  private static void write(Database db, List<CustomerHistory> from, int n, LocalDate today) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    int batchSize = 2_000;
    long[] lastId = {0};
    for (int start = 0; start < n; start += batchSize) {
      int s = start;
      int end = Math.min(n, start + batchSize);
      db.jdbi()
          .useTransaction(
              h -> {
                PreparedBatch t =
                    h.prepareBatch(
                        "INSERT INTO tenant (sip_domain, name, status, industry, time_zone,"
                            + " created_at) VALUES (:d, :n, 'active', :i, 'UTC', :now)");
                for (int i = s; i < end; i++) {
                  CustomerHistory c = from.get(i % from.size());
                  t.bind("d", "b" + i + ".bench.test")
                      .bind("n", c.company() + " " + i)
                      .bind("i", c.industry())
                      .bind("now", now)
                      .add();
                }
                t.execute();
                java.util.Map<String, Long> ids = new java.util.HashMap<>();
                h.createQuery(
                        "SELECT id, sip_domain FROM tenant WHERE sip_domain LIKE '%.bench.test'"
                            + " AND id > :after")
                    .bind("after", s == 0 ? 0L : lastId[0])
                    .map((rs, ctx) -> ids.put(rs.getString(2), rs.getLong(1)))
                    .forEach(x -> {});
                lastId[0] =
                    ids.values().stream().mapToLong(Long::longValue).max().orElse(lastId[0]);
                PreparedBatch p =
                    h.prepareBatch(
                        "INSERT INTO customer_profile (tenant_id, company, size_band,"
                            + " acquisition_channel, acquired_on, updated_at) VALUES (:id, :c, :s,"
                            + " :ch, :on, :now)");
                PreparedBatch u =
                    h.prepareBatch(
                        "INSERT INTO tenant_usage_week (tenant_id, week_start, seats,"
                            + " registered_seats, active_days, calls, minutes, console_logins,"
                            + " features_used) VALUES (:id, :w, :s, :r, :a, :c, :m, :l, :f)");
                for (int i = s; i < end; i++) {
                  CustomerHistory c = from.get(i % from.size());
                  String d = "b" + i + ".bench.test";
                  p.bind("c", c.company() + " " + i)
                      .bind("s", c.sizeBand())
                      .bind("ch", c.channel())
                      .bind("on", c.acquiredOn())
                      .bind("now", now)
                      .bind("id", ids.get(d))
                      .add();
                  List<UsageWeek> w = c.weeks().subList(c.weeks().size() - 24, c.weeks().size());
                  for (UsageWeek x : w) {
                    u.bind("w", x.weekStart())
                        .bind("s", x.seats())
                        .bind("r", x.registeredSeats())
                        .bind("a", x.activeDays())
                        .bind("c", x.calls())
                        .bind("m", x.minutes())
                        .bind("l", x.consoleLogins())
                        .bind("f", x.featuresUsed())
                        .bind("id", ids.get(d))
                        .add();
                  }
                }
                p.execute();
                u.execute();
              });
    }
  }
}
