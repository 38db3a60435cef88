package dev.switchboard.ops.sales;

import dev.switchboard.store.InvalidValueException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Which kinds of customers close fastest, refund and refer: the deals opened in a period grouped by
 * one dimension, with what became of them.
 */
public final class Breakdown {

  /** What to group by; the names are the API's. */
  public enum Dimension {
    INDUSTRY(Opportunity::industry),
    SIZE(Opportunity::sizeBand),
    CHANNEL(Opportunity::channel),
    INTENT(Opportunity::intent),
    REGION(Opportunity::region);

    private final Function<Opportunity, String> key;

    Dimension(Function<Opportunity, String> key) {
      this.key = key;
    }

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Dimension parse(String text) {
      for (Dimension d : values()) {
        if (d.wireName().equals(text)) {
          return d;
        }
      }
      throw new InvalidValueException(
          "by", "by must be one of industry, size, channel, intent, region");
    }
  }

  /**
   * One group's figures.
   *
   * @param opportunities deals opened in the period
   * @param won of those, won (refunded ones included)
   * @param winRate won ÷ (won + lost), null when none closed
   * @param medianCycleDays median days from opening to winning, null without wins
   * @param refundRate refunded ÷ won, null without wins
   * @param referrals leads referred by the customers won here (any date)
   * @param referralsPerCustomer referrals ÷ won, null without wins
   */
  public record Row(
      String key,
      int opportunities,
      int won,
      int lost,
      int open,
      BigDecimal winRate,
      BigDecimal medianCycleDays,
      int refunded,
      BigDecimal refundRate,
      BigDecimal wonAmount,
      int referrals,
      BigDecimal referralsPerCustomer) {}

  private Breakdown() {}

  /**
   * Rows ordered by key ("unknown" for deals without a value), of the deals opened in {@code
   * period}; {@code referralsByDomain} counts referrals per customer's SIP domain.
   */
  public static List<Row> of(
      List<Opportunity> deals,
      Dimension by,
      Period period,
      Map<String, Integer> referralsByDomain) {
    Map<String, List<Opportunity>> groups = new TreeMap<>();
    for (Opportunity d : deals) {
      if (period.contains(d.openedOn())) {
        String k = by.key.apply(d);
        groups
            .computeIfAbsent(k == null || k.isBlank() ? "unknown" : k, x -> new ArrayList<>())
            .add(d);
      }
    }
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, List<Opportunity>> g : groups.entrySet()) {
      rows.add(row(g.getKey(), g.getValue(), referralsByDomain));
    }
    rows.sort(Comparator.comparing(Row::key));
    return rows;
  }

  private static Row row(String key, List<Opportunity> deals, Map<String, Integer> referrals) {
    int won = 0;
    int lost = 0;
    int refunded = 0;
    int referred = 0;
    BigDecimal amount = BigDecimal.ZERO.setScale(2);
    List<Long> cycles = new ArrayList<>();
    for (Opportunity d : deals) {
      if (d.won()) {
        won++;
        amount = amount.add(d.amount());
        cycles.add(d.cycleDays());
        if (d.refunded()) {
          refunded++;
        }
        if (d.domain() != null) {
          referred += referrals.getOrDefault(d.domain(), 0);
        }
      } else if (d.lost()) {
        lost++;
      }
    }
    return new Row(
        key,
        deals.size(),
        won,
        lost,
        deals.size() - won - lost,
        Ratios.rate(won, won + lost),
        Ratios.medianDays(cycles),
        refunded,
        Ratios.rate(refunded, won),
        amount,
        referred,
        Ratios.perHead(referred, won));
  }
}
