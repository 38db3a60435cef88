package dev.switchboard.ops.marketing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The 80/20 view of the channels over a date range: ranked by won customers (ties: lower cost per
 * won first), with cumulative share, 收益度 when lifetime revenue is known, and grow / keep / drop.
 *
 * <p>The rule, with "vital few" = the channels ranked before the cumulative share of won customers
 * reaches 80 % (the first channel always is one), and the benchmark = 收益度 of all channels together
 * when revenue is known, else the overall cost per won customer:
 *
 * <ul>
 *   <li>grow: a vital-few channel that costs nothing, or whose 收益度 is at least the benchmark
 *       (without revenue: whose cost per won is at most the overall one);
 *   <li>drop: a channel with leads or spend but no won customer, or outside the vital few with 收益度
 *       below 1 (revenue did not cover its cost; without revenue: cost per won above twice the
 *       overall);
 *   <li>keep: everything else.
 * </ul>
 */
public final class ChannelRanking {

  /** Where the lifetime revenue per channel comes from (billing receipts), if anywhere. */
  public interface Revenue {
    /** Revenue per channel of the customers acquired in the range, or empty when unknown. */
    Optional<Map<String, BigDecimal>> byChannel(LocalDate from, LocalDate to);
  }

  static final BigDecimal VITAL_SHARE = new BigDecimal("0.8");

  private final FunnelQuery funnel;
  private final ChannelRepository channels;
  private final Revenue revenue;

  public ChannelRanking(FunnelQuery funnel, ChannelRepository channels, Revenue revenue) {
    this.funnel = funnel;
    this.channels = channels;
    this.revenue = revenue;
  }

  /** The ranking for the leads created in [{@code from}, {@code to}]. */
  public List<ChannelRank> rank(LocalDate from, LocalDate to) {
    List<FunnelRow> rows = new ArrayList<>(funnel.byChannel(from, to));
    FunnelRow total = rows.remove(rows.size() - 1);
    Optional<Map<String, BigDecimal>> revenues = revenue.byChannel(from, to);
    Map<String, ChannelKind> kinds = new java.util.HashMap<>();
    for (Channel c : channels.list()) {
      kinds.put(c.code(), c.kind());
    }
    return rank(rows, total, revenues.orElse(null), kinds);
  }

  static List<ChannelRank> rank(
      List<FunnelRow> rows,
      FunnelRow total,
      Map<String, BigDecimal> revenues,
      Map<String, ChannelKind> kinds) {
    List<FunnelRow> sorted = new ArrayList<>(rows);
    sorted.sort(
        Comparator.comparingLong(FunnelRow::won)
            .reversed()
            .thenComparing(r -> r.costPerWon() == null ? new BigDecimal("1e18") : r.costPerWon())
            .thenComparing(FunnelRow::key));
    BigDecimal allRevenue =
        revenues == null
            ? BigDecimal.ZERO
            : revenues.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    // With no revenue received yet every 收益度 is 0 and would tie the benchmark: judge by cost.
    boolean revenueKnown = allRevenue.signum() > 0;
    BigDecimal benchmark =
        revenueKnown ? revenueYield(allRevenue, total.cost()) : total.costPerWon();
    List<ChannelRank> out = new ArrayList<>();
    long cumulative = 0;
    for (int i = 0; i < sorted.size(); i++) {
      FunnelRow r = sorted.get(i);
      BigDecimal before = FunnelQuery.rate(cumulative, total.won());
      boolean vital =
          i == 0 || (before != null && before.compareTo(VITAL_SHARE) < 0 && r.won() > 0);
      cumulative += r.won();
      BigDecimal rev =
          revenues == null
              ? null
              : revenues.getOrDefault(r.key(), BigDecimal.ZERO).setScale(2, RoundingMode.HALF_UP);
      BigDecimal y = rev == null ? null : revenueYield(rev, r.cost());
      out.add(
          new ChannelRank(
              i + 1,
              r.key(),
              kinds.get(r.key()),
              r.leads(),
              r.won(),
              FunnelQuery.rate(r.won(), total.won()),
              FunnelQuery.rate(cumulative, total.won()),
              r.cost(),
              r.costPerWon(),
              rev,
              y,
              advice(r, vital, revenueKnown, y, benchmark)));
    }
    return out;
  }

  static ChannelAdvice advice(
      FunnelRow r, boolean vital, boolean knowRevenue, BigDecimal yield, BigDecimal benchmark) {
    boolean free = r.cost().signum() == 0;
    if (r.won() == 0) {
      return r.leads() > 0 || !free ? ChannelAdvice.DROP : ChannelAdvice.KEEP;
    }
    if (vital) {
      if (free) {
        return ChannelAdvice.GROW;
      }
      if (benchmark == null) {
        return ChannelAdvice.KEEP;
      }
      boolean good =
          knowRevenue
              ? yield != null && yield.compareTo(benchmark) >= 0
              : r.costPerWon().compareTo(benchmark) <= 0;
      return good ? ChannelAdvice.GROW : ChannelAdvice.KEEP;
    }
    if (free) {
      return ChannelAdvice.KEEP;
    }
    boolean poor =
        knowRevenue
            ? yield != null && yield.compareTo(BigDecimal.ONE) < 0
            : benchmark != null
                && r.costPerWon().compareTo(benchmark.multiply(BigDecimal.valueOf(2))) > 0;
    return poor ? ChannelAdvice.DROP : ChannelAdvice.KEEP;
  }

  /** 收益度: revenue ÷ cost to one decimal (HALF_UP), null when nothing was spent. */
  static BigDecimal revenueYield(BigDecimal revenue, BigDecimal cost) {
    return cost == null || cost.signum() == 0
        ? null
        : revenue.divide(cost, 1, RoundingMode.HALF_UP);
  }
}
