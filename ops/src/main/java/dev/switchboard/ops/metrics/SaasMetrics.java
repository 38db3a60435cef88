package dev.switchboard.ops.metrics;

import dev.switchboard.store.InvalidValueException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every SaaS metric of the business as it stood on one day, computed from revenue facts. Facts
 * dated after that day are ignored, so any past figure can be recomputed as it was then. Months are
 * closed at their last day; the as-of day's own month is measured on the as-of day.
 */
public final class SaasMetrics {

  /** Gross margin assumed by the predictive LTV and CAC payback unless the caller gives one. */
  public static final BigDecimal DEFAULT_GROSS_MARGIN = new BigDecimal("0.80");

  private final LocalDate asOf;
  private final List<CustomerLine> lines;
  private final List<TermOutcome> outcomes;

  /** MRR months already computed, by window: retention and unit economics reuse them. */
  private final Map<List<YearMonth>, List<MrrMonth>> months = new ConcurrentHashMap<>();

  private SaasMetrics(RevenueFacts facts, LocalDate asOf) {
    this.asOf = asOf;
    this.outcomes = facts.outcomes();
    Map<Long, List<MrrSpan>> spans = new HashMap<>();
    for (MrrSpan s : facts.spans()) {
      spans.computeIfAbsent(s.customer(), k -> new ArrayList<>()).add(s);
    }
    Map<Long, List<Receipt>> receipts = new HashMap<>();
    for (Receipt r : facts.receipts()) {
      receipts.computeIfAbsent(r.customer(), k -> new ArrayList<>()).add(r);
    }
    List<CustomerLine> l = new ArrayList<>(facts.customers().size());
    for (Customer c : facts.customers()) {
      l.add(
          new CustomerLine(
              c, spans.getOrDefault(c.id(), List.of()), receipts.getOrDefault(c.id(), List.of())));
    }
    this.lines = l;
  }

  private SaasMetrics(LocalDate asOf, List<CustomerLine> lines, List<TermOutcome> outcomes) {
    this.asOf = asOf;
    this.lines = lines;
    this.outcomes = outcomes;
  }

  /** The metrics as known on {@code asOf}: facts dated after it are dropped first. */
  public static SaasMetrics asOf(RevenueFacts facts, LocalDate asOf) {
    return new SaasMetrics(facts.until(asOf), asOf);
  }

  public LocalDate asOf() {
    return asOf;
  }

  public YearMonth asOfMonth() {
    return YearMonth.from(asOf);
  }

  /** The first month with any MRR, or the as-of month when there is none. */
  public YearMonth firstMonth() {
    return lines.stream()
        .map(l -> l.firstPaid)
        .filter(d -> d != null)
        .min(Comparator.naturalOrder())
        .map(YearMonth::from)
        .orElse(asOfMonth());
  }

  /** The day month {@code m}'s closing figures are for: its last day, or the as-of day. */
  public LocalDate closingDate(YearMonth m) {
    LocalDate end = m.atEndOfMonth();
    return end.isAfter(asOf) ? asOf : end;
  }

  /** The same metrics over the customers of each group (groups in key order). */
  public Map<String, SaasMetrics> byGroup(Grouping grouping) {
    Map<Long, String> groupOf = new HashMap<>();
    Map<String, List<CustomerLine>> members = new TreeMap<>();
    for (CustomerLine line : lines) {
      String key = grouping.keyOf(line.customer);
      groupOf.put(line.customer.id(), key);
      members.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
    }
    Map<String, List<TermOutcome>> terms = new HashMap<>();
    for (TermOutcome o : outcomes) {
      terms.computeIfAbsent(groupOf.get(o.customer()), k -> new ArrayList<>()).add(o);
    }
    Map<String, SaasMetrics> out = new TreeMap<>();
    members.forEach(
        (key, l) -> out.put(key, new SaasMetrics(asOf, l, terms.getOrDefault(key, List.of()))));
    return out;
  }

  /** MRR, ARR and movements for each month from {@code from} to {@code to}, both included. */
  public List<MrrMonth> mrr(YearMonth from, YearMonth to) {
    checkWindow(from, to);
    return months.computeIfAbsent(List.of(from, to), k -> computeMrr(from, to));
  }

  private List<MrrMonth> computeMrr(YearMonth from, YearMonth to) {
    int n =
        (int) (to.getMonthValue() - from.getMonthValue() + 12L * (to.getYear() - from.getYear()))
            + 1;
    LocalDate[] dates = new LocalDate[n + 1];
    int[] days = new int[n + 1];
    dates[0] = from.minusMonths(1).atEndOfMonth();
    for (int k = 1; k <= n; k++) {
      dates[k] = closingDate(from.plusMonths(k - 1L));
    }
    for (int k = 0; k <= n; k++) {
      days[k] = (int) dates[k].toEpochDay();
    }
    MonthTally[] tally = new MonthTally[n];
    for (int k = 0; k < n; k++) {
      tally[k] = new MonthTally();
    }
    for (CustomerLine line : lines) {
      if (line.firstPaidDay > days[n]) {
        continue;
      }
      long prev = line.mrrCents(days[0]);
      for (int k = 1; k <= n; k++) {
        long now = line.mrrCents(days[k]);
        tally[k - 1].add(line, prev, now, now > 0 ? line.arrCents(days[k]) : 0, days[k - 1]);
        prev = now;
      }
    }
    List<MrrMonth> out = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      out.add(tally[k].month(from.plusMonths(k), dates[k + 1]));
    }
    return List.copyOf(out);
  }

  /** Churn, GRR, NRR and renewals over the months from {@code from} to {@code to}. */
  public Retention retention(YearMonth from, YearMonth to) {
    List<MrrMonth> months = mrr(from, to);
    LocalDate opening = from.minusMonths(1).atEndOfMonth();
    LocalDate closing = closingDate(to);
    int openingDay = (int) opening.toEpochDay();
    int closingDay = (int) closing.toEpochDay();
    int openingCustomers = 0;
    int retainedCustomers = 0;
    long openingCents = 0;
    long retainedCents = 0;
    long grossCents = 0;
    for (CustomerLine line : lines) {
      long start = line.mrrCents(openingDay);
      if (start == 0) {
        continue;
      }
      long end = line.mrrCents(closingDay);
      openingCustomers++;
      openingCents += start;
      if (end > 0) {
        retainedCustomers++;
        retainedCents += end;
      }
      grossCents += Math.min(start, end);
    }
    BigDecimal openingMrr = BigDecimal.valueOf(openingCents, 2);
    BigDecimal retainedMrr = BigDecimal.valueOf(retainedCents, 2);
    BigDecimal grossRetained = BigDecimal.valueOf(grossCents, 2);
    ChurnSums churn = ChurnSums.of(months);
    LocalDate windowStart = from.atDay(1);
    int ended = 0;
    int renewed = 0;
    for (TermOutcome o : outcomes) {
      if (!o.termEnd().isBefore(windowStart) && !o.termEnd().isAfter(closing)) {
        ended++;
        renewed += o.renewed() ? 1 : 0;
      }
    }
    return new Retention(
        from,
        to,
        opening,
        closing,
        openingCustomers,
        openingMrr,
        retainedCustomers,
        retainedMrr,
        Figures.percent(grossRetained, openingMrr),
        Figures.percent(retainedMrr, openingMrr),
        churn.churnedCustomers,
        Figures.percent(BigDecimal.valueOf(churn.churnedCustomers), churn.openingCustomers),
        Figures.percent(churn.grossLost, churn.openingMrr),
        Figures.percent(churn.netLost, churn.openingMrr),
        ended,
        renewed,
        Figures.percent(BigDecimal.valueOf(renewed), BigDecimal.valueOf(ended)));
  }

  /** Cohorts by first paying month, from {@code from} to {@code to}, each up to the as-of month. */
  public List<CohortRow> cohorts(YearMonth from, YearMonth to) {
    checkWindow(from, to);
    Map<YearMonth, List<CustomerLine>> members = new TreeMap<>();
    for (CustomerLine line : lines) {
      if (line.firstPaid != null) {
        YearMonth m = YearMonth.from(line.firstPaid);
        if (!m.isBefore(from) && !m.isAfter(to)) {
          members.computeIfAbsent(m, k -> new ArrayList<>()).add(line);
        }
      }
    }
    List<CohortRow> rows = new ArrayList<>();
    for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
      List<CustomerLine> cohort = members.getOrDefault(m, List.of());
      long startCents = 0;
      for (CustomerLine line : cohort) {
        startCents += line.mrrCents(line.firstPaidDay);
      }
      BigDecimal startMrr = BigDecimal.valueOf(startCents, 2);
      BigDecimal size = BigDecimal.valueOf(cohort.size());
      List<CohortRow.Cell> cells = new ArrayList<>();
      int age = 0;
      for (YearMonth at = m; !at.isAfter(asOfMonth()); at = at.plusMonths(1), age++) {
        LocalDate day = closingDate(at);
        int epochDay = (int) day.toEpochDay();
        int kept = 0;
        long cents = 0;
        for (CustomerLine line : cohort) {
          long v = line.mrrCents(epochDay);
          if (v > 0) {
            kept++;
            cents += v;
          }
        }
        BigDecimal mrr = BigDecimal.valueOf(cents, 2);
        cells.add(
            new CohortRow.Cell(
                age,
                at,
                day,
                kept,
                Figures.percent(BigDecimal.valueOf(kept), size),
                mrr,
                Figures.percent(mrr, startMrr)));
      }
      rows.add(new CohortRow(m, cohort.size(), startMrr, cells));
    }
    return rows;
  }

  /**
   * ARPA, LTV, CAC and payback over the months from {@code from} to {@code to}.
   *
   * @param grossMargin the share of revenue left after the cost of serving it, above 0 and at most
   *     1
   */
  public UnitEconomics unitEconomics(YearMonth from, YearMonth to, BigDecimal grossMargin) {
    if (grossMargin.signum() <= 0 || grossMargin.compareTo(BigDecimal.ONE) > 0) {
      throw new InvalidValueException("grossMargin", "grossMargin must be above 0 and at most 1");
    }
    ChurnSums churn = ChurnSums.of(mrr(from, to));
    LocalDate closing = closingDate(to);
    LocalDate windowStart = from.atDay(1);
    int customers = 0;
    BigDecimal mrr = BigDecimal.ZERO;
    int everPaying = 0;
    BigDecimal everPaid = BigDecimal.ZERO;
    int churned = 0;
    BigDecimal churnedPaid = BigDecimal.ZERO;
    int acquired = 0;
    BigDecimal spend = BigDecimal.ZERO;
    int acquiredPaying = 0;
    BigDecimal acquiredStartMrr = BigDecimal.ZERO;
    for (CustomerLine line : lines) {
      if (line.firstPaid != null && !line.firstPaid.isAfter(closing)) {
        BigDecimal now = line.mrrOn(closing);
        BigDecimal paid = line.paidTo(closing);
        everPaying++;
        everPaid = everPaid.add(paid);
        if (now.signum() > 0) {
          customers++;
          mrr = mrr.add(now);
        } else {
          churned++;
          churnedPaid = churnedPaid.add(paid);
        }
      }
      LocalDate won = line.acquiredOn();
      BigDecimal cost = line.customer.acquisitionCost();
      if (won != null && cost != null && !won.isBefore(windowStart) && !won.isAfter(closing)) {
        acquired++;
        spend = spend.add(cost);
        if (line.firstPaid != null && !line.firstPaid.isAfter(closing)) {
          acquiredPaying++;
          acquiredStartMrr = acquiredStartMrr.add(line.mrrOn(line.firstPaid));
        }
      }
    }
    BigDecimal arpa = customers == 0 ? null : Figures.exact(mrr, BigDecimal.valueOf(customers));
    BigDecimal churnRate =
        churn.openingMrr.signum() == 0 ? null : Figures.exact(churn.grossLost, churn.openingMrr);
    BigDecimal ltv =
        arpa == null || churnRate == null || churnRate.signum() == 0
            ? null
            : Figures.exact(arpa.multiply(grossMargin), churnRate);
    BigDecimal cac = acquired == 0 ? null : Figures.exact(spend, BigDecimal.valueOf(acquired));
    BigDecimal monthlyGain =
        acquiredPaying == 0
            ? null
            : Figures.exact(acquiredStartMrr, BigDecimal.valueOf(acquiredPaying))
                .multiply(grossMargin);
    return new UnitEconomics(
        from,
        to,
        closing,
        grossMargin.multiply(Figures.HUNDRED).setScale(2, java.math.RoundingMode.HALF_UP),
        customers,
        arpa == null ? null : Figures.money(arpa),
        Figures.percent(churn.grossLost, churn.openingMrr),
        Figures.moneyPer(everPaid, BigDecimal.valueOf(everPaying)),
        churned,
        Figures.moneyPer(churnedPaid, BigDecimal.valueOf(churned)),
        ltv == null ? null : Figures.money(ltv),
        acquired,
        Figures.money(spend),
        cac == null ? null : Figures.money(cac),
        ltv == null || cac == null ? null : Figures.ratio(ltv, cac),
        cac == null || monthlyGain == null ? null : Figures.ratio(cac, monthlyGain));
  }

  /** 收益度 of every customer, best first (customers without a cost last). */
  public List<CustomerYield> yields() {
    List<CustomerYield> out = new ArrayList<>(lines.size());
    for (CustomerLine line : lines) {
      Customer c = line.customer;
      BigDecimal paid = Figures.money(line.paidTo(asOf));
      BigDecimal cost = c.acquisitionCost();
      out.add(
          new CustomerYield(
              c.id(),
              c.name(),
              c.tier(),
              c.industry(),
              c.channel(),
              line.acquiredOn(),
              line.paying(asOf),
              paid,
              cost == null ? null : Figures.money(cost),
              cost == null ? null : Figures.ratio(paid, cost)));
    }
    out.sort(
        Comparator.comparing(CustomerYield::ratio, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(CustomerYield::customer));
    return out;
  }

  /** 收益度 per group, in key order. */
  public List<GroupYield> yieldsBy(Grouping grouping) {
    Map<String, YieldTally> groups = new TreeMap<>();
    for (CustomerLine line : lines) {
      groups
          .computeIfAbsent(grouping.keyOf(line.customer), k -> new YieldTally())
          .add(line.customer.acquisitionCost(), line.paidTo(asOf));
    }
    List<GroupYield> out = new ArrayList<>();
    groups.forEach((k, t) -> out.add(t.yield(k)));
    return out;
  }

  private void checkWindow(YearMonth from, YearMonth to) {
    if (from.isAfter(to)) {
      throw new InvalidValueException("from", "from must not be after to");
    }
    if (to.isAfter(asOfMonth())) {
      throw new InvalidValueException("to", "to must not be after the as-of month " + asOfMonth());
    }
  }

  /** One month's sums, in cents, while the customers are walked. */
  private static final class MonthTally {
    long mrr;
    long arr;
    long opening;
    long added;
    long expansion;
    long contraction;
    long churn;
    long reactivation;
    int customers;
    int openingCustomers;
    int newCustomers;
    int reactivated;
    int churned;

    void add(CustomerLine line, long prev, long now, long nowArr, int opened) {
      if (prev > 0) {
        openingCustomers++;
        opening += prev;
      }
      if (now > 0) {
        customers++;
        mrr += now;
        arr += nowArr;
      }
      if (prev == 0 && now > 0) {
        // Paid before the month began (then stopped): a return, not a new customer.
        if (line.firstPaidDay > opened) {
          newCustomers++;
          added += now;
        } else {
          reactivated++;
          reactivation += now;
        }
      } else if (prev > 0 && now == 0) {
        churned++;
        churn -= prev;
      } else if (now > prev) {
        expansion += now - prev;
      } else if (now < prev) {
        contraction += now - prev;
      }
    }

    MrrMonth month(YearMonth m, LocalDate day) {
      long net = added + expansion + contraction + churn + reactivation;
      BigDecimal lost = BigDecimal.valueOf(-(churn + contraction), 2);
      BigDecimal base = BigDecimal.valueOf(opening, 2);
      BigDecimal total = BigDecimal.valueOf(mrr, 2);
      return new MrrMonth(
          m,
          day,
          total,
          BigDecimal.valueOf(arr, 2),
          customers,
          Figures.moneyPer(total, BigDecimal.valueOf(customers)),
          base,
          openingCustomers,
          BigDecimal.valueOf(added, 2),
          BigDecimal.valueOf(expansion, 2),
          BigDecimal.valueOf(contraction, 2),
          BigDecimal.valueOf(churn, 2),
          BigDecimal.valueOf(reactivation, 2),
          BigDecimal.valueOf(net, 2),
          newCustomers,
          reactivated,
          churned,
          Figures.percent(BigDecimal.valueOf(churned), BigDecimal.valueOf(openingCustomers)),
          Figures.percent(lost, base),
          Figures.percent(
              BigDecimal.valueOf(-(churn + contraction + expansion + reactivation), 2), base));
    }
  }

  /** Churn summed over a window's months: each rate is a sum of losses over a sum of bases. */
  private record ChurnSums(
      int churnedCustomers,
      BigDecimal openingCustomers,
      BigDecimal grossLost,
      BigDecimal netLost,
      BigDecimal openingMrr) {

    static ChurnSums of(List<MrrMonth> months) {
      int churned = 0;
      int opening = 0;
      BigDecimal gross = BigDecimal.ZERO;
      BigDecimal net = BigDecimal.ZERO;
      BigDecimal base = BigDecimal.ZERO;
      for (MrrMonth m : months) {
        churned += m.churnedCustomers();
        opening += m.openingCustomers();
        BigDecimal lost = m.churnMrr().add(m.contractionMrr()).negate();
        gross = gross.add(lost);
        net = net.add(lost).subtract(m.expansionMrr()).subtract(m.reactivationMrr());
        base = base.add(m.openingMrr());
      }
      return new ChurnSums(churned, BigDecimal.valueOf(opening), gross, net, base);
    }
  }

  /** One group's 收益度 sums. */
  private static final class YieldTally {
    int customers;
    int costed;
    BigDecimal revenue = BigDecimal.ZERO;
    BigDecimal costedRevenue = BigDecimal.ZERO;
    BigDecimal cost = BigDecimal.ZERO;

    void add(BigDecimal acquisitionCost, BigDecimal paid) {
      customers++;
      revenue = revenue.add(paid);
      if (acquisitionCost != null && acquisitionCost.signum() > 0) {
        costed++;
        costedRevenue = costedRevenue.add(paid);
        cost = cost.add(acquisitionCost);
      }
    }

    GroupYield yield(String key) {
      return new GroupYield(
          key,
          customers,
          costed,
          Figures.money(revenue),
          Figures.money(costedRevenue),
          Figures.money(cost),
          Figures.ratio(costedRevenue, cost));
    }
  }
}
