package dev.switchboard.ops.sales;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Deals per head, average order value, cycle time, conversion and refunds per rep and per team,
 * computed from the deals themselves: a deal counts in the period in which the event happened
 * (opened, won or lost, refunded).
 */
public final class RepKpis {

  /** Best first: most deals won, then the larger won amount, then the key. */
  public static final Comparator<RepScore> LEADERBOARD =
      Comparator.comparingInt(RepScore::won)
          .reversed()
          .thenComparing(RepScore::wonAmount, Comparator.reverseOrder())
          .thenComparing(RepScore::key);

  private RepKpis() {}

  /** One score per rep in {@code reps} (those without deals too), leaderboard order. */
  public static List<RepScore> perRep(List<Rep> reps, List<Opportunity> deals, Period period) {
    Map<String, List<Opportunity>> byRep = group(deals, Opportunity::repEmail);
    List<RepScore> out = new ArrayList<>();
    for (Rep r : reps) {
      out.add(
          score(
              r.email(), r.name(), r.team(), 1, byRep.getOrDefault(r.email(), List.of()), period));
    }
    out.sort(LEADERBOARD);
    return out;
  }

  /** One score per team of {@code reps}; heads are the team's active reps. Leaderboard order. */
  public static List<RepScore> perTeam(List<Rep> reps, List<Opportunity> deals, Period period) {
    Map<String, List<Opportunity>> byTeam = group(deals, Opportunity::team);
    Map<String, Integer> heads = new LinkedHashMap<>();
    for (Rep r : reps) {
      heads.merge(r.team(), r.active() ? 1 : 0, Integer::sum);
    }
    List<RepScore> out = new ArrayList<>();
    for (Map.Entry<String, Integer> t : heads.entrySet()) {
      out.add(
          score(
              t.getKey(),
              t.getKey(),
              t.getKey(),
              t.getValue(),
              byTeam.getOrDefault(t.getKey(), List.of()),
              period));
    }
    out.sort(LEADERBOARD);
    return out;
  }

  static RepScore score(
      String key, String name, String team, int heads, List<Opportunity> deals, Period period) {
    int opened = 0;
    int won = 0;
    int lost = 0;
    int refunds = 0;
    BigDecimal wonAmount = BigDecimal.ZERO.setScale(2);
    BigDecimal refundAmount = BigDecimal.ZERO.setScale(2);
    List<Long> cycles = new ArrayList<>();
    for (Opportunity d : deals) {
      if (period.contains(d.openedOn())) {
        opened++;
      }
      if (period.contains(d.closedOn())) {
        if (d.won()) {
          won++;
          wonAmount = wonAmount.add(d.amount());
          cycles.add(d.cycleDays());
        } else if (d.lost()) {
          lost++;
        }
      }
      if (d.refunded() && period.contains(d.refundedOn())) {
        refunds++;
        if (d.refundAmount() != null) {
          refundAmount = refundAmount.add(d.refundAmount());
        }
      }
    }
    return new RepScore(
        key,
        name,
        team,
        heads,
        opened,
        won,
        lost,
        wonAmount,
        Ratios.perHead(won, heads),
        Ratios.money(wonAmount, won),
        Ratios.medianDays(cycles),
        Ratios.rate(won, won + lost),
        refunds,
        refundAmount);
  }

  private static Map<String, List<Opportunity>> group(
      List<Opportunity> deals, Function<Opportunity, String> key) {
    Map<String, List<Opportunity>> out = new LinkedHashMap<>();
    for (Opportunity d : deals) {
      out.computeIfAbsent(key.apply(d), k -> new ArrayList<>()).add(d);
    }
    return out;
  }
}
