package dev.switchboard.bench.marketing;

import dev.switchboard.ops.marketing.ChannelRanking;
import dev.switchboard.ops.marketing.ChannelRepository;
import dev.switchboard.ops.marketing.FunnelQuery;
import dev.switchboard.ops.marketing.FunnelRow;
import dev.switchboard.store.Database;
import dev.switchboard.store.DatabaseSettings;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The funnel and ranking over 1,000,000 leads on the PostgreSQL named by {@code
 * SWITCHBOARD_TEST_PG_URL} (and {@code _USER}, {@code _PASSWORD}); prints its figures (command in
 * docs/benchmarks.md). The leads are made in SQL (generate_series) so loading takes seconds.
 */
public final class FunnelBenchmark {

  static final int LEADS = 1_000_000;
  static final String[] CHANNELS = {
    "trade_show", "open_class", "industry_salon", "door_to_door", "offline_ads", "partnership",
    "self_media", "website", "vertical_site", "search", "partner_promotion", "referral"
  };
  static final LocalDate START = LocalDate.of(2024, 11, 25);

  private FunnelBenchmark() {}

  public static void main(String[] args) {
    String url = System.getenv("SWITCHBOARD_TEST_PG_URL");
    if (url == null) {
      throw new IllegalStateException("set SWITCHBOARD_TEST_PG_URL (scripts/pg-test-cluster.sh)");
    }
    DatabaseSettings settings =
        new DatabaseSettings(
            url,
            System.getenv("SWITCHBOARD_TEST_PG_USER"),
            System.getenv("SWITCHBOARD_TEST_PG_PASSWORD"));
    try (Database db = Database.open(settings)) {
      long t0 = System.nanoTime();
      boolean loaded = load(db);
      if (loaded) {
        System.out.printf("loaded %,d leads in %.1f s%n", LEADS, (System.nanoTime() - t0) / 1e9);
      }
      FunnelQuery funnel = new FunnelQuery(db.jdbi());
      ChannelRanking ranking =
          new ChannelRanking(
              funnel,
              new ChannelRepository(db.jdbi(), Clock.systemUTC()),
              (f, t) -> Optional.empty());
      LocalDate end = START.plusDays(729);
      time("byChannel, 2 years (all 1,000,000 leads)", () -> funnel.byChannel(START, end));
      time("byChannel, last 90 days", () -> funnel.byChannel(end.minusDays(89), end));
      time("byCampaign, 2 years", () -> funnel.byCampaign(START, end));
      time("channel ranking, 2 years", () -> ranking.rank(START, end));
      List<FunnelRow> rows = funnel.byChannel(START, end);
      System.out.println("total row: " + rows.get(rows.size() - 1));
    }
  }

  private static boolean load(Database db) {
    long have =
        db.jdbi()
            .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM lead").mapTo(Long.class).one());
    if (have >= LEADS) {
      return false;
    }
    db.jdbi()
        .useHandle(
            h -> {
              for (String c : CHANNELS) {
                if (c.equals("referral")) {
                  continue;
                }
                for (int q = 0; q < 8; q++) {
                  h.execute(
                      "INSERT INTO campaign (code, name, channel_code, starts_on, ends_on, budget,"
                          + " actual_cost, created_at) VALUES (?, ?, ?, ?, ?, 50000, ?, now())",
                      c + "-q" + q,
                      c + " quarter " + q,
                      c,
                      START.plusDays(91L * q),
                      START.plusDays(91L * q + 90),
                      new java.math.BigDecimal(20000 + 1000 * q + c.length() * 100));
                }
              }
              // Stage k is reached with a channel-dependent chance; dates follow one another.
              h.execute(
                  "INSERT INTO lead (name, phone, channel_code, campaign_code, intent,"
                      + " intent_manual, status, created_on, valid_on, trial_on, opportunity_on,"
                      + " won_on, created_at, updated_at)"
                      + " SELECT 'Bench ' || g, '+86138' || lpad(g::text, 8, '0'), ch,"
                      + " CASE WHEN ch = 'referral' OR q > 7 THEN NULL ELSE ch || '-q' || q END,"
                      + " 'C', FALSE, 'new', d,"
                      + " CASE WHEN r1 < 0.45 THEN d + 1 + g % 5 END,"
                      + " CASE WHEN r1 < 0.45 AND r2 < 0.5 THEN d + 3 + g % 11 END,"
                      + " CASE WHEN r1 < 0.45 AND r2 < 0.5 AND r3 < 0.45 THEN d + 14 + g % 21 END,"
                      + " CASE WHEN r1 < 0.45 AND r2 < 0.5 AND r3 < 0.45 AND r4 < 0.4"
                      + " THEN d + 30 + g % 40 END, now(), now()"
                      + " FROM (SELECT g, (ARRAY['"
                      + String.join("','", CHANNELS)
                      + "'])"
                      + "[1 + g % 12] AS ch, DATE '"
                      + START
                      + "' + (g % 730) AS d,"
                      + " (g % 730) / 91 AS q, random() AS r1, random() AS r2, random() AS r3,"
                      + " random() AS r4 FROM generate_series(1, "
                      + LEADS
                      + ") AS g) s");
              h.execute("ANALYZE lead");
              h.execute("ANALYZE campaign");
            });
    return true;
  }

  private static void time(String what, Supplier<?> run) {
    for (int i = 0; i < 2; i++) {
      run.get();
    }
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      long t = System.nanoTime();
      run.get();
      ms.add((System.nanoTime() - t) / 1e6);
    }
    Collections.sort(ms);
    System.out.printf(
        "%-45s median %7.0f ms  min %7.0f  max %7.0f  (7 runs after 2 warm-ups)%n",
        what, ms.get(3), ms.get(0), ms.get(6));
  }
}
