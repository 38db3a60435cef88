package dev.switchboard.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Random histories: movements always reconcile, cohorts never grow, the future is never seen. */
class MetricsPropertiesTest {

  private static final LocalDate ORIGIN = LocalDate.of(2023, 1, 1);
  private static final String[] CHANNELS = {"website", "search", "referral", "trade_show"};

  /** A history of up to {@code size} customers, each with a few spans, receipts and outcomes. */
  static RevenueFacts history(long seed, int size, LocalDate after) {
    Random r = new Random(seed);
    List<Customer> customers = new ArrayList<>();
    List<MrrSpan> spans = new ArrayList<>();
    List<Receipt> receipts = new ArrayList<>();
    List<TermOutcome> outcomes = new ArrayList<>();
    int n = 1 + r.nextInt(size);
    for (int i = 0; i < n; i++) {
      long id = seed * 1000 + i;
      LocalDate won = after.plusDays(r.nextInt(700));
      customers.add(
          new Customer(
              id,
              "c" + i,
              r.nextBoolean() ? "retail" : null,
              CHANNELS[r.nextInt(CHANNELS.length)],
              r.nextBoolean() ? "gold" : "silver",
              r.nextInt(5) == 0 ? null : won,
              r.nextInt(4) == 0 ? null : BigDecimal.valueOf(r.nextInt(50_000), 2)));
      LocalDate from = won;
      int k = r.nextInt(5);
      for (int j = 0; j < k; j++) {
        LocalDate to = r.nextInt(4) == 0 ? null : from.plusDays(1 + r.nextInt(400));
        spans.add(new MrrSpan(id, from, to, mrr(r)));
        receipts.add(new Receipt(id, from, BigDecimal.valueOf(r.nextInt(1_000_000) - 50_000, 2)));
        if (to == null) {
          break;
        }
        outcomes.add(new TermOutcome(id, to.minusDays(1), r.nextBoolean()));
        // Back to back, overlapping, or after a gap.
        from = to.plusDays(r.nextInt(3) == 0 ? r.nextInt(120) - 30 : 0);
      }
    }
    return new RevenueFacts(customers, spans, receipts, outcomes);
  }

  private static BigDecimal mrr(Random r) {
    return switch (r.nextInt(3)) {
      case 0 -> BigDecimal.valueOf(r.nextInt(100_000), 2);
      case 1 ->
          BigDecimal.valueOf(r.nextInt(2_000_000), 2)
              .divide(BigDecimal.valueOf(12), 10, RoundingMode.HALF_UP);
      default -> BigDecimal.ZERO;
    };
  }

  private static RevenueFacts union(RevenueFacts a, RevenueFacts b) {
    return new RevenueFacts(
        concat(a.customers(), b.customers()),
        concat(a.spans(), b.spans()),
        concat(a.receipts(), b.receipts()),
        concat(a.outcomes(), b.outcomes()));
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  @Property(tries = 200)
  void movementsReconcileWithTheMrrChangeEveryMonth(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int size) {
    RevenueFacts facts = history(seed, size, ORIGIN);
    LocalDate asOf = ORIGIN.plusDays(200 + new Random(seed).nextInt(1000));
    SaasMetrics m = SaasMetrics.asOf(facts, asOf);
    List<MrrMonth> months = m.mrr(YearMonth.from(ORIGIN).minusMonths(1), m.asOfMonth());
    BigDecimal previous = BigDecimal.ZERO;
    int previousCustomers = 0;
    for (MrrMonth month : months) {
      BigDecimal sum =
          month
              .newMrr()
              .add(month.expansionMrr())
              .add(month.contractionMrr())
              .add(month.churnMrr())
              .add(month.reactivationMrr());
      assertThat(sum).as(month.month().toString()).isEqualByComparingTo(month.netNewMrr());
      assertThat(month.mrr().subtract(month.openingMrr())).isEqualByComparingTo(sum);
      assertThat(month.openingMrr()).isEqualByComparingTo(previous);
      assertThat(month.openingCustomers()).isEqualTo(previousCustomers);
      assertThat(
              previousCustomers
                  + month.newCustomers()
                  + month.reactivatedCustomers()
                  - month.churnedCustomers())
          .isEqualTo(month.customers());
      assertThat(month.expansionMrr().signum()).isGreaterThanOrEqualTo(0);
      assertThat(month.contractionMrr().signum()).isLessThanOrEqualTo(0);
      assertThat(month.churnMrr().signum()).isLessThanOrEqualTo(0);
      previous = month.mrr();
      previousCustomers = month.customers();
    }
  }

  @Property(tries = 200)
  void cohortsNeverExceedTheirStartingSize(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int size) {
    RevenueFacts facts = history(seed, size, ORIGIN);
    SaasMetrics m = SaasMetrics.asOf(facts, ORIGIN.plusDays(900));
    int members = 0;
    for (CohortRow row : m.cohorts(YearMonth.from(ORIGIN), m.asOfMonth())) {
      members += row.customers();
      for (CohortRow.Cell cell : row.cells()) {
        assertThat(cell.customers()).isBetween(0, row.customers());
        if (cell.customersPercent() != null) {
          assertThat(cell.customersPercent()).isBetween(BigDecimal.ZERO, Figures.HUNDRED);
        }
      }
    }
    long paying =
        facts.until(m.asOf()).spans().stream()
            .filter(s -> s.mrr().setScale(2, RoundingMode.HALF_UP).signum() > 0)
            .map(MrrSpan::customer)
            .distinct()
            .count();
    assertThat(members).isLessThanOrEqualTo((int) paying);
  }

  @Property(tries = 200)
  void factsAfterTheAsOfDayChangeNothing(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 20) int size) {
    Random r = new Random(seed);
    LocalDate asOf = ORIGIN.plusDays(100 + r.nextInt(600));
    RevenueFacts past = history(seed, size, ORIGIN).until(asOf);
    // The future: new customers, plus spans, receipts and outcomes of the known ones.
    RevenueFacts later = history(seed + 1, size, asOf.plusDays(1));
    List<MrrSpan> spans = new ArrayList<>();
    List<Receipt> receipts = new ArrayList<>();
    List<TermOutcome> outcomes = new ArrayList<>();
    for (Customer c : past.customers()) {
      LocalDate day = asOf.plusDays(1 + r.nextInt(300));
      spans.add(new MrrSpan(c.id(), day, null, mrr(r)));
      receipts.add(new Receipt(c.id(), day, BigDecimal.valueOf(r.nextInt(100_000), 2)));
      outcomes.add(new TermOutcome(c.id(), day, r.nextBoolean()));
    }
    RevenueFacts both = union(past, later);
    RevenueFacts future =
        new RevenueFacts(
            both.customers(),
            concat(both.spans(), spans),
            concat(both.receipts(), receipts),
            concat(both.outcomes(), outcomes));
    // A span still running on the as-of day may end any time after it.
    List<MrrSpan> ended = new ArrayList<>();
    for (MrrSpan s : future.spans()) {
      boolean running = !s.from().isAfter(asOf) && s.toExclusive() == null;
      ended.add(running ? new MrrSpan(s.customer(), s.from(), asOf.plusDays(1), s.mrr()) : s);
    }
    future = new RevenueFacts(future.customers(), ended, future.receipts(), future.outcomes());

    SaasMetrics known = SaasMetrics.asOf(past, asOf);
    SaasMetrics withFuture = SaasMetrics.asOf(future, asOf);
    YearMonth from = YearMonth.from(ORIGIN);
    YearMonth to = known.asOfMonth();
    assertThat(withFuture.mrr(from, to)).isEqualTo(known.mrr(from, to));
    assertThat(withFuture.retention(from, to)).isEqualTo(known.retention(from, to));
    assertThat(withFuture.cohorts(from, to)).isEqualTo(known.cohorts(from, to));
    assertThat(withFuture.unitEconomics(from, to, SaasMetrics.DEFAULT_GROSS_MARGIN))
        .isEqualTo(known.unitEconomics(from, to, SaasMetrics.DEFAULT_GROSS_MARGIN));
    assertThat(withFuture.yields()).isEqualTo(known.yields());
    assertThat(withFuture.yieldsBy(Grouping.CHANNEL)).isEqualTo(known.yieldsBy(Grouping.CHANNEL));
  }

  @Property(tries = 100)
  void aClosedMonthReadsTheSameFromAnyLaterDay(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 20) int size) {
    RevenueFacts facts = history(seed, size, ORIGIN);
    Random r = new Random(seed);
    LocalDate early = ORIGIN.plusDays(60 + r.nextInt(500));
    LocalDate late = early.plusDays(1 + r.nextInt(400));
    YearMonth closed = YearMonth.from(early).minusMonths(1);
    YearMonth from = YearMonth.from(ORIGIN);
    assertThat(SaasMetrics.asOf(facts, late).mrr(from, closed))
        .isEqualTo(SaasMetrics.asOf(facts, early).mrr(from, closed));
  }
}
