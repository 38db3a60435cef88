package dev.switchboard.ops.marketing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The funnel lead → valid → trial → opportunity → won per channel or campaign, as one SQL statement
 * of grouped counts over the lead table (a cohort: the leads created in the range, however far they
 * got since), with costs from the campaigns; medians come from the day histograms it returns.
 *
 * <p>Cost of a channel in a range: each of its campaigns' actual cost times the share of the
 * campaign's days that fall in the range (rounded to cents per campaign, HALF_UP). A campaign's own
 * funnel counts all its leads and its whole actual cost.
 */
public final class FunnelQuery {

  /**
   * One pass per step, each a hash aggregate (no sort, parallel on PostgreSQL): the leads by key
   * and days from creation to validity (null: not valid) with how many of them reached the later
   * stages, then the days of each later step by key. Medians are read off these day histograms, so
   * the total row's medians are exact without another pass.
   */
  private static final String HISTOGRAMS =
      "SELECT {k} AS k, 1 AS step, CAST(valid_on - created_on AS INTEGER) AS dd, COUNT(*) AS n,"
          + " COUNT(trial_on) AS t, COUNT(opportunity_on) AS o, COUNT(won_on) AS w FROM lead"
          + " WHERE {w} GROUP BY {k}, CAST(valid_on - created_on AS INTEGER)"
          + " UNION ALL SELECT {k}, 2, CAST(trial_on - valid_on AS INTEGER), COUNT(*), 0, 0, 0"
          + " FROM lead WHERE {w} AND trial_on IS NOT NULL AND valid_on IS NOT NULL"
          + " GROUP BY {k}, CAST(trial_on - valid_on AS INTEGER)"
          + " UNION ALL SELECT {k}, 3, CAST(opportunity_on - trial_on AS INTEGER), COUNT(*), 0, 0,"
          + " 0 FROM lead WHERE {w} AND opportunity_on IS NOT NULL AND trial_on IS NOT NULL"
          + " GROUP BY {k}, CAST(opportunity_on - trial_on AS INTEGER)"
          + " UNION ALL SELECT {k}, 4, CAST(won_on - opportunity_on AS INTEGER), COUNT(*), 0, 0, 0"
          + " FROM lead WHERE {w} AND won_on IS NOT NULL AND opportunity_on IS NOT NULL"
          + " GROUP BY {k}, CAST(won_on - opportunity_on AS INTEGER)";

  private final Jdbi jdbi;

  public FunnelQuery(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Counts and medians of one key, before costs. */
  record Counts(
      String key,
      long leads,
      long valid,
      long trial,
      long opportunity,
      long won,
      Double dValid,
      Double dTrial,
      Double dOpp,
      Double dWon) {}

  /** Counts and step-day histograms of one key, filled from the aggregate's rows. */
  static final class Tally {
    final String key;
    long leads;
    long valid;
    long trial;
    long opportunity;
    long won;

    final List<java.util.TreeMap<Integer, Long>> days =
        List.of(
            new java.util.TreeMap<>(),
            new java.util.TreeMap<>(),
            new java.util.TreeMap<>(),
            new java.util.TreeMap<>());

    Tally(String key) {
      this.key = key;
    }

    void add(int step, Integer dd, long n, long t, long o, long w) {
      if (step == 1) {
        leads += n;
        trial += t;
        opportunity += o;
        won += w;
        if (dd != null) {
          valid += n;
        }
      }
      if (dd != null) {
        days.get(step - 1).merge(dd, n, Long::sum);
      }
    }

    void addAll(Tally other) {
      leads += other.leads;
      valid += other.valid;
      trial += other.trial;
      opportunity += other.opportunity;
      won += other.won;
      for (int i = 0; i < days.size(); i++) {
        for (Map.Entry<Integer, Long> e : other.days.get(i).entrySet()) {
          days.get(i).merge(e.getKey(), e.getValue(), Long::sum);
        }
      }
    }

    Counts counts() {
      return new Counts(
          key,
          leads,
          valid,
          trial,
          opportunity,
          won,
          median(days.get(0)),
          median(days.get(1)),
          median(days.get(2)),
          median(days.get(3)));
    }
  }

  /**
   * The median of the values a histogram counts, as PERCENTILE_CONT(0.5): the middle value, or the
   * mean of the two middle ones; null when it counts nothing.
   */
  static Double median(java.util.SortedMap<Integer, Long> histogram) {
    long n = histogram.values().stream().mapToLong(Long::longValue).sum();
    if (n == 0) {
      return null;
    }
    long lo = (n - 1) / 2;
    long hi = n / 2;
    Integer a = null;
    Integer b = null;
    long seen = 0;
    for (Map.Entry<Integer, Long> e : histogram.entrySet()) {
      long next = seen + e.getValue();
      if (a == null && lo < next) {
        a = e.getKey();
      }
      if (hi < next) {
        b = e.getKey();
        break;
      }
      seen = next;
    }
    return (a + b) / 2.0;
  }

  /** Tallies per key of the leads matching {@code where} (key expression {@code key}). */
  private static Map<String, Tally> tallies(
      Handle h, String key, String where, Map<String, Object> args) {
    var q = h.createQuery(HISTOGRAMS.replace("{k}", key).replace("{w}", where));
    args.forEach(q::bind);
    Map<String, Tally> out = new java.util.TreeMap<>();
    q.map(
            (rs, ctx) -> {
              String k = rs.getString("k");
              Object dd = rs.getObject("dd");
              out.computeIfAbsent(k, Tally::new)
                  .add(
                      rs.getInt("step"),
                      dd == null ? null : ((Number) dd).intValue(),
                      rs.getLong("n"),
                      rs.getLong("t"),
                      rs.getLong("o"),
                      rs.getLong("w"));
              return k;
            })
        .list();
    return out;
  }

  private static Counts total(Map<String, Tally> tallies, String key) {
    Tally all = new Tally(key);
    tallies.values().forEach(all::addAll);
    return all.counts();
  }

  /**
   * One row per channel that has leads or spend in [{@code from}, {@code to}], most won first, then
   * the total as the last row (key "total").
   */
  public List<FunnelRow> byChannel(LocalDate from, LocalDate to) {
    return jdbi.withHandle(
        h -> {
          Map<String, Tally> tallies =
              tallies(
                  h,
                  "channel_code",
                  "merged_into IS NULL AND created_on >= :from AND created_on <= :to",
                  Map.of("from", from, "to", to));
          Map<String, Counts> counts = new HashMap<>();
          tallies.forEach((k, t) -> counts.put(k, t.counts()));
          Counts total = total(tallies, "total");
          Map<String, BigDecimal> costs = new HashMap<>();
          for (Campaign c : campaignsOverlapping(h, from, to)) {
            costs.merge(c.channel(), proratedCost(c, from, to), BigDecimal::add);
          }
          List<FunnelRow> rows = new ArrayList<>();
          for (String channel : union(counts.keySet(), costs.keySet())) {
            Counts c = counts.getOrDefault(channel, empty(channel));
            rows.add(row(c, costs.getOrDefault(channel, BigDecimal.ZERO.setScale(2))));
          }
          rows.sort(
              (a, b) ->
                  a.won() != b.won() ? Long.compare(b.won(), a.won()) : a.key().compareTo(b.key()));
          BigDecimal all =
              costs.values().stream().reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
          rows.add(row(total, all));
          return rows;
        });
  }

  /** The funnel of one campaign: all its leads, its whole actual cost. */
  public FunnelRow campaign(String code) {
    return jdbi.withHandle(
        h -> {
          Campaign c =
              CampaignRepository.find(h, code)
                  .orElseThrow(
                      () ->
                          new dev.switchboard.store.NotFoundException(
                              "campaign", "no campaign with code " + code));
          Map<String, Tally> tallies =
              tallies(
                  h,
                  "campaign_code",
                  "merged_into IS NULL AND campaign_code = :code",
                  Map.of("code", c.code()));
          return row(total(tallies, code), c.actualCost());
        });
  }

  /**
   * One row per campaign that overlaps the range: its leads created in the range, prorated cost.
   */
  public List<FunnelRow> byCampaign(LocalDate from, LocalDate to) {
    return jdbi.withHandle(
        h -> {
          Map<String, Counts> counts = new HashMap<>();
          tallies(
                  h,
                  "campaign_code",
                  "merged_into IS NULL AND campaign_code IS NOT NULL AND created_on >= :from"
                      + " AND created_on <= :to",
                  Map.of("from", from, "to", to))
              .forEach((k, t) -> counts.put(k, t.counts()));
          List<FunnelRow> rows = new ArrayList<>();
          for (Campaign c : campaignsOverlapping(h, from, to)) {
            rows.add(
                row(counts.getOrDefault(c.code(), empty(c.code())), proratedCost(c, from, to)));
          }
          rows.sort(
              (a, b) ->
                  a.won() != b.won() ? Long.compare(b.won(), a.won()) : a.key().compareTo(b.key()));
          return rows;
        });
  }

  private static List<String> union(java.util.Set<String> a, java.util.Set<String> b) {
    java.util.TreeSet<String> all = new java.util.TreeSet<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  private static Counts empty(String key) {
    return new Counts(key, 0, 0, 0, 0, 0, null, null, null, null);
  }

  static List<Campaign> campaignsOverlapping(Handle h, LocalDate from, LocalDate to) {
    return h.createQuery(
            "SELECT "
                + CampaignRepository.COLUMNS
                + " FROM campaign WHERE starts_on <= :to AND ends_on >= :from ORDER BY code")
        .bind("from", from)
        .bind("to", to)
        .map(CampaignRepository::map)
        .list();
  }

  /** The part of {@code c}'s actual cost that falls in [{@code from}, {@code to}], by days. */
  static BigDecimal proratedCost(Campaign c, LocalDate from, LocalDate to) {
    LocalDate start = c.startsOn().isAfter(from) ? c.startsOn() : from;
    LocalDate end = c.endsOn().isBefore(to) ? c.endsOn() : to;
    long overlap = ChronoUnit.DAYS.between(start, end) + 1;
    long days = ChronoUnit.DAYS.between(c.startsOn(), c.endsOn()) + 1;
    if (overlap <= 0) {
      return BigDecimal.ZERO.setScale(2);
    }
    if (overlap >= days) {
      return c.actualCost().setScale(2, RoundingMode.HALF_UP);
    }
    return c.actualCost()
        .multiply(BigDecimal.valueOf(overlap))
        .divide(BigDecimal.valueOf(days), 2, RoundingMode.HALF_UP);
  }

  static FunnelRow row(Counts c, BigDecimal cost) {
    return new FunnelRow(
        c.key(),
        c.leads(),
        c.valid(),
        c.trial(),
        c.opportunity(),
        c.won(),
        rate(c.valid(), c.leads()),
        rate(c.trial(), c.valid()),
        rate(c.opportunity(), c.trial()),
        rate(c.won(), c.opportunity()),
        rate(c.won(), c.leads()),
        cost,
        per(cost, c.leads()),
        per(cost, c.valid()),
        per(cost, c.won()),
        c.dValid(),
        c.dTrial(),
        c.dOpp(),
        c.dWon());
  }

  /** {@code part / whole} to four decimals, HALF_UP; null when {@code whole} is 0. */
  static BigDecimal rate(long part, long whole) {
    return whole == 0
        ? null
        : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
  }

  /** {@code cost / n} to cents, HALF_UP; null when {@code n} is 0. */
  static BigDecimal per(BigDecimal cost, long n) {
    return n == 0 ? null : cost.divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_UP);
  }
}
