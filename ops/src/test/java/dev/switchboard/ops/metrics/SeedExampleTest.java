package dev.switchboard.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seed's customer: 8,000 in the first year (3,000 opening fee + 5,000 service), 5,000 in the
 * second and third, gone in the fourth; won from the website through search for 105.
 */
class SeedExampleTest {

  private static final LocalDate START = LocalDate.of(2022, 3, 1);
  private static final BigDecimal MONTHLY =
      new BigDecimal("5000").divide(BigDecimal.valueOf(12), 10, RoundingMode.HALF_UP);

  static RevenueFacts seedCustomer(BigDecimal monthly) {
    Customer c =
        new Customer(
            1, "海川贸易", "retail", "website/search", "standard", START, new BigDecimal("105"));
    return new RevenueFacts(
        List.of(c),
        List.of(
            new MrrSpan(1, START, START.plusYears(1), monthly),
            new MrrSpan(1, START.plusYears(1), START.plusYears(2), monthly),
            new MrrSpan(1, START.plusYears(2), START.plusYears(3), monthly)),
        List.of(
            new Receipt(1, START, new BigDecimal("8000.00")),
            new Receipt(1, START.plusYears(1), new BigDecimal("5000.00")),
            new Receipt(1, START.plusYears(2), new BigDecimal("5000.00"))),
        List.of(
            new TermOutcome(1, START.plusYears(1).minusDays(1), true),
            new TermOutcome(1, START.plusYears(2).minusDays(1), true),
            new TermOutcome(1, START.plusYears(3).minusDays(1), false)));
  }

  @Test
  void lifetimeRevenueIs18000AndTheRatio171Point4() {
    SaasMetrics m = SaasMetrics.asOf(seedCustomer(MONTHLY), LocalDate.of(2025, 12, 31));
    CustomerYield y = m.yields().get(0);
    assertThat(y.lifetimeRevenue()).isEqualByComparingTo("18000");
    assertThat(y.acquisitionCost()).isEqualByComparingTo("105");
    assertThat(y.ratio()).isEqualTo(new BigDecimal("171.4"));
    assertThat(y.active()).isFalse();
    assertThat(m.yieldsBy(Grouping.CHANNEL))
        .containsExactly(
            new GroupYield(
                "website/search",
                1,
                1,
                new BigDecimal("18000.00"),
                new BigDecimal("18000.00"),
                new BigDecimal("105.00"),
                new BigDecimal("171.4")));
  }

  @Test
  void mrrIs416Point67FromDayOneWithNoMovementAtRenewalsAndChurnWhenThePaidYearEnds() {
    SaasMetrics m = SaasMetrics.asOf(seedCustomer(MONTHLY), LocalDate.of(2025, 12, 31));
    List<MrrMonth> months = m.mrr(YearMonth.of(2022, 3), YearMonth.of(2025, 12));
    assertThat(months).hasSize(46);
    MrrMonth first = months.get(0);
    assertThat(first.mrr()).isEqualTo(new BigDecimal("416.67"));
    assertThat(first.arr()).isEqualTo(new BigDecimal("5000.00"));
    assertThat(first.newMrr()).isEqualTo(new BigDecimal("416.67"));
    for (MrrMonth month : months.subList(1, 36)) {
      assertThat(month.mrr()).as(month.month().toString()).isEqualTo(new BigDecimal("416.67"));
      assertThat(month.netNewMrr()).as(month.month().toString()).isZero();
      assertThat(month.expansionMrr().signum() + month.contractionMrr().signum()).isZero();
    }
    MrrMonth churn = months.get(36);
    assertThat(churn.month()).isEqualTo(YearMonth.of(2025, 3));
    assertThat(churn.churnMrr()).isEqualTo(new BigDecimal("-416.67"));
    assertThat(churn.mrr()).isZero();
    assertThat(churn.logoChurnPercent()).isEqualTo(new BigDecimal("100.00"));
  }

  @Test
  void twoRenewalsOfThreeTerms() {
    SaasMetrics m = SaasMetrics.asOf(seedCustomer(MONTHLY), LocalDate.of(2025, 12, 31));
    Retention r = m.retention(YearMonth.of(2022, 3), YearMonth.of(2025, 12));
    assertThat(r.termsEnded()).isEqualTo(3);
    assertThat(r.termsRenewed()).isEqualTo(2);
    assertThat(r.renewalPercent()).isEqualTo(new BigDecimal("66.67"));
  }

  @Test
  void aMonthlyFigureAlreadyInCentsGivesArrOfTwelveTimesIt() {
    SaasMetrics m =
        SaasMetrics.asOf(seedCustomer(new BigDecimal("416.67")), LocalDate.of(2022, 3, 31));
    MrrMonth march = m.mrr(YearMonth.of(2022, 3), YearMonth.of(2022, 3)).get(0);
    assertThat(march.mrr()).isEqualTo(new BigDecimal("416.67"));
    assertThat(march.arr()).isEqualTo(new BigDecimal("5000.04"));
  }

  @Test
  void asOfTheSecondYearOnlyTheFirstTwoPaymentsCount() {
    SaasMetrics m = SaasMetrics.asOf(seedCustomer(MONTHLY), LocalDate.of(2023, 6, 30));
    CustomerYield y = m.yields().get(0);
    assertThat(y.lifetimeRevenue()).isEqualTo(new BigDecimal("13000.00"));
    assertThat(y.ratio()).isEqualTo(new BigDecimal("123.8"));
    assertThat(y.active()).isTrue();
  }
}
