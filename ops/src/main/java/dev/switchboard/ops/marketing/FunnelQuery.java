package dev.switchboard.ops.marketing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The funnel lead → valid → trial → opportunity → won per channel or campaign, as one SQL aggregate
 * over the lead table (a cohort: the leads created in the range, however far they got since), with
 * costs from the campaigns.
 *
 * <p>Cost of a channel in a range: each of its campaigns' actual cost times the share of the
 * campaign's days that fall in the range (rounded to cents per campaign, HALF_UP). A campaign's own
 * funnel counts all its leads and its whole actual cost.
 */
public final class FunnelQuery {

  private static final String COUNTS =
      " COUNT(*) AS leads, COUNT(valid_on) AS valid, COUNT(trial_on) AS trial,"
          + " COUNT(opportunity_on) AS opportunity, COUNT(won_on) AS won,"
          + " PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY CAST(valid_on - created_on AS INTEGER))"
          + " AS d_valid,"
          + " PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY CAST(trial_on - valid_on AS INTEGER))"
          + " AS d_trial,"
          + " PERCENTILE_CONT(0.5) WITHIN GROUP"
          + " (ORDER BY CAST(opportunity_on - trial_on AS INTEGER)) AS d_opp,"
          + " PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY CAST(won_on - opportunity_on AS INTEGER))"
          + " AS d_won";

  private final Jdbi jdbi;

  public FunnelQuery(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Counts as the SQL returns them, before costs. */
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

  /**
   * One row per channel that has leads or spend in [{@code from}, {@code to}], most won first, then
   * the total as the last row (key "total").
   */
  public List<FunnelRow> byChannel(LocalDate from, LocalDate to) {
    return jdbi.withHandle(
        h -> {
          Map<String, Counts> counts = new HashMap<>();
          h.createQuery(
                  "SELECT channel_code AS k,"
                      + COUNTS
                      + " FROM lead WHERE merged_into IS NULL AND created_on >= :from"
                      + " AND created_on <= :to GROUP BY channel_code")
              .bind("from", from)
              .bind("to", to)
              .map((rs, ctx) -> counts(rs))
              .forEach(c -> counts.put(c.key(), c));
          Counts total = total(h, "created_on >= :from AND created_on <= :to", from, to, null);
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
          Counts counts = total(h, "campaign_code = :code", null, null, code);
          return row(
              new Counts(
                  code,
                  counts.leads(),
                  counts.valid(),
                  counts.trial(),
                  counts.opportunity(),
                  counts.won(),
                  counts.dValid(),
                  counts.dTrial(),
                  counts.dOpp(),
                  counts.dWon()),
              c.actualCost());
        });
  }

  /**
   * One row per campaign that overlaps the range: its leads created in the range, prorated cost.
   */
  public List<FunnelRow> byCampaign(LocalDate from, LocalDate to) {
    return jdbi.withHandle(
        h -> {
          Map<String, Counts> counts = new HashMap<>();
          h.createQuery(
                  "SELECT campaign_code AS k,"
                      + COUNTS
                      + " FROM lead WHERE merged_into IS NULL AND campaign_code IS NOT NULL"
                      + " AND created_on >= :from AND created_on <= :to GROUP BY campaign_code")
              .bind("from", from)
              .bind("to", to)
              .map((rs, ctx) -> counts(rs))
              .forEach(c -> counts.put(c.key(), c));
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

  private static Counts total(Handle h, String where, LocalDate from, LocalDate to, String code) {
    var q =
        h.createQuery(
            "SELECT 'total' AS k," + COUNTS + " FROM lead WHERE merged_into IS NULL AND " + where);
    if (code != null) {
      q.bind("code", code);
    } else {
      q.bind("from", from).bind("to", to);
    }
    return q.map((rs, ctx) -> counts(rs)).one();
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

  private static Counts counts(ResultSet rs) throws SQLException {
    return new Counts(
        rs.getString("k"),
        rs.getLong("leads"),
        rs.getLong("valid"),
        rs.getLong("trial"),
        rs.getLong("opportunity"),
        rs.getLong("won"),
        number(rs, "d_valid"),
        number(rs, "d_trial"),
        number(rs, "d_opp"),
        number(rs, "d_won"));
  }

  private static Double number(ResultSet rs, String column) throws SQLException {
    Object v = rs.getObject(column);
    return v == null ? null : ((Number) v).doubleValue();
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
