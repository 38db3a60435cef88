package dev.switchboard.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.store.InvalidValueException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Five customers over six months, every figure worked out by hand (the working is in the comments).
 * A grows, B leaves, C shrinks, D leaves and comes back, E arrives last without a cost.
 */
class HandComputedMetricsTest {

  static final LocalDate AS_OF = LocalDate.of(2025, 4, 15);

  static RevenueFacts story() {
    return new RevenueFacts(
        List.of(
            customer(1, "A", "gold", "retail", "website", "2025-01-10", "300"),
            customer(2, "B", "silver", "clinic", "search", "2025-01-20", "200"),
            customer(3, "C", "silver", "retail", "search", "2024-12-01", "100"),
            customer(4, "D", "gold", "clinic", "referral", "2024-11-01", "0"),
            customer(5, "E", null, "retail", "website", "2025-04-02", null)),
        List.of(
            span(1, "2025-01-10", "2025-03-05", "100"),
            span(1, "2025-03-05", null, "150"),
            span(2, "2025-01-20", "2025-03-20", "200"),
            span(3, "2024-12-01", "2025-02-01", "50"),
            span(3, "2025-02-01", null, "30"),
            span(4, "2024-11-01", "2025-01-01", "80"),
            span(4, "2025-03-10", null, "90"),
            span(5, "2025-04-02", null, "60")),
        List.of(
            receipt(1, "2025-01-10", "1200"),
            receipt(1, "2025-03-05", "550"),
            receipt(2, "2025-01-20", "400"),
            receipt(3, "2024-12-01", "600"),
            receipt(3, "2025-02-01", "-40"),
            receipt(4, "2024-11-01", "160"),
            receipt(4, "2025-03-10", "1080"),
            receipt(5, "2025-04-02", "720"),
            receipt(1, "2025-04-20", "999")),
        List.of(
            new TermOutcome(4, LocalDate.parse("2024-12-31"), false),
            new TermOutcome(3, LocalDate.parse("2025-02-28"), true),
            new TermOutcome(2, LocalDate.parse("2025-03-19"), false)));
  }

  static Customer customer(
      long id, String name, String tier, String industry, String channel, String on, String cost) {
    return new Customer(
        id,
        name,
        industry,
        channel,
        tier,
        LocalDate.parse(on),
        cost == null ? null : new BigDecimal(cost));
  }

  static MrrSpan span(long c, String from, String to, String mrr) {
    return new MrrSpan(
        c, LocalDate.parse(from), to == null ? null : LocalDate.parse(to), new BigDecimal(mrr));
  }

  static Receipt receipt(long c, String on, String amount) {
    return new Receipt(c, LocalDate.parse(on), new BigDecimal(amount));
  }

  static BigDecimal d(String v) {
    return new BigDecimal(v);
  }

  private final SaasMetrics m = SaasMetrics.asOf(story(), AS_OF);

  @Test
  void mrrAndMovementsPerMonth() {
    List<MrrMonth> months = m.mrr(YearMonth.of(2024, 11), YearMonth.of(2025, 4));
    // Nov: D 80 new. Dec: C 50 new. Jan: A 100 + B 200 new, D -80 churn (its span ended Jan 1).
    // Feb: C 50 → 30. Mar: A 100 → 150, B -200 churn (Mar 20), D back with 90. Apr: E 60 new.
    assertThat(months)
        .extracting(MrrMonth::mrr)
        .containsExactly(
            d("80.00"), d("130.00"), d("350.00"), d("330.00"), d("270.00"), d("330.00"));
    assertThat(months).extracting(MrrMonth::customers).containsExactly(1, 2, 3, 3, 3, 4);
    MrrMonth jan = months.get(2);
    assertThat(jan.date()).isEqualTo(LocalDate.of(2025, 1, 31));
    assertThat(jan.openingMrr()).isEqualTo(d("130.00"));
    assertThat(jan.newMrr()).isEqualTo(d("300.00"));
    assertThat(jan.churnMrr()).isEqualTo(d("-80.00"));
    assertThat(jan.netNewMrr()).isEqualTo(d("220.00"));
    assertThat(jan.newCustomers()).isEqualTo(2);
    assertThat(jan.churnedCustomers()).isEqualTo(1);
    assertThat(jan.arr()).isEqualTo(d("4200.00"));
    assertThat(jan.arpa()).isEqualTo(d("116.67")); // 350 / 3
    assertThat(jan.logoChurnPercent()).isEqualTo(d("50.00")); // 1 of C, D
    assertThat(jan.revenueChurnPercent()).isEqualTo(d("61.54")); // 80 / 130
    MrrMonth feb = months.get(3);
    assertThat(feb.contractionMrr()).isEqualTo(d("-20.00"));
    assertThat(feb.revenueChurnPercent()).isEqualTo(d("5.71")); // 20 / 350
    MrrMonth mar = months.get(4);
    assertThat(mar.expansionMrr()).isEqualTo(d("50.00"));
    assertThat(mar.churnMrr()).isEqualTo(d("-200.00"));
    assertThat(mar.reactivationMrr()).isEqualTo(d("90.00"));
    assertThat(mar.newMrr()).isEqualTo(d("0.00"));
    assertThat(mar.reactivatedCustomers()).isEqualTo(1);
    assertThat(mar.netNewMrr()).isEqualTo(d("-60.00"));
    assertThat(mar.revenueChurnPercent()).isEqualTo(d("60.61")); // 200 / 330
    assertThat(mar.netRevenueChurnPercent()).isEqualTo(d("18.18")); // (200 - 50 - 90) / 330
    MrrMonth apr = months.get(5);
    assertThat(apr.date()).isEqualTo(AS_OF);
    assertThat(apr.newMrr()).isEqualTo(d("60.00"));
    assertThat(apr.arpa()).isEqualTo(d("82.50"));
  }

  @Test
  void churnRetentionAndRenewalsOverTheWindow() {
    Retention r = m.retention(YearMonth.of(2025, 1), YearMonth.of(2025, 4));
    assertThat(r.openingDate()).isEqualTo(LocalDate.of(2024, 12, 31));
    assertThat(r.date()).isEqualTo(AS_OF);
    // Start: C 50, D 80. End: C 30, D 90.
    assertThat(r.openingCustomers()).isEqualTo(2);
    assertThat(r.openingMrr()).isEqualTo(d("130.00"));
    assertThat(r.retainedCustomers()).isEqualTo(2);
    assertThat(r.retainedMrr()).isEqualTo(d("120.00"));
    assertThat(r.nrrPercent()).isEqualTo(d("92.31")); // 120 / 130
    assertThat(r.grrPercent()).isEqualTo(d("84.62")); // (min(30,50) + min(90,80)) / 130
    // Monthly: churned 1+0+1+0 of opening 2+3+3+3; lost 80+20+200+0 of 130+350+330+270.
    assertThat(r.churnedCustomers()).isEqualTo(2);
    assertThat(r.logoChurnPercent()).isEqualTo(d("18.18"));
    assertThat(r.revenueChurnPercent()).isEqualTo(d("27.78"));
    assertThat(r.netRevenueChurnPercent()).isEqualTo(d("14.81")); // (300 - 50 - 90) / 1080
    // Terms ending Jan 1 .. Apr 15: C renewed, B did not (D's ended Dec 31).
    assertThat(r.termsEnded()).isEqualTo(2);
    assertThat(r.termsRenewed()).isEqualTo(1);
    assertThat(r.renewalPercent()).isEqualTo(d("50.00"));
  }

  @Test
  void cohortsByFirstPayingMonth() {
    List<CohortRow> rows = m.cohorts(YearMonth.of(2024, 11), YearMonth.of(2025, 4));
    assertThat(rows).extracting(CohortRow::customers).containsExactly(1, 1, 2, 0, 0, 1);
    CohortRow nov = rows.get(0);
    assertThat(nov.startMrr()).isEqualTo(d("80.00"));
    assertThat(nov.cells()).extracting(CohortRow.Cell::customers).containsExactly(1, 1, 0, 0, 1, 1);
    assertThat(nov.cells().get(4).mrrPercent()).isEqualTo(d("112.50")); // 90 / 80
    CohortRow dec = rows.get(1);
    assertThat(dec.cells())
        .extracting(CohortRow.Cell::mrrPercent)
        .containsExactly(d("100.00"), d("100.00"), d("60.00"), d("60.00"), d("60.00"));
    CohortRow jan = rows.get(2);
    assertThat(jan.startMrr()).isEqualTo(d("300.00"));
    assertThat(jan.cells())
        .extracting(CohortRow.Cell::customersPercent)
        .containsExactly(d("100.00"), d("100.00"), d("50.00"), d("50.00"));
    assertThat(jan.cells().get(3).mrr()).isEqualTo(d("150.00"));
    assertThat(jan.cells().get(3).date()).isEqualTo(AS_OF);
    assertThat(rows.get(3).cells().get(0).customersPercent()).isNull();
    assertThat(rows.get(5).cells()).hasSize(1);
  }

  @Test
  void unitEconomics() {
    UnitEconomics u =
        m.unitEconomics(
            YearMonth.of(2025, 1), YearMonth.of(2025, 4), SaasMetrics.DEFAULT_GROSS_MARGIN);
    assertThat(u.customers()).isEqualTo(4);
    assertThat(u.arpa()).isEqualTo(d("82.50")); // 330 / 4
    assertThat(u.revenueChurnPercent()).isEqualTo(d("27.78"));
    assertThat(u.predictiveLtv()).isEqualTo(d("237.60")); // 82.5 × 0.8 ÷ (300 / 1080)
    // Paid to Apr 15: A 1750, B 400, C 560, D 1240, E 720 (A's Apr 20 payment is after).
    assertThat(u.lifetimeRevenuePerCustomer()).isEqualTo(d("934.00"));
    assertThat(u.churnedCustomers()).isEqualTo(1);
    assertThat(u.realisedLtv()).isEqualTo(d("400.00"));
    // Won Jan 1 .. Apr 15 with a known cost: A 300, B 200 (E's cost is unknown).
    assertThat(u.acquiredCustomers()).isEqualTo(2);
    assertThat(u.acquisitionSpend()).isEqualTo(d("500.00"));
    assertThat(u.cac()).isEqualTo(d("250.00"));
    assertThat(u.ltvToCac()).isEqualTo(d("1.0")); // 237.6 / 250
    assertThat(u.cacPaybackMonths()).isEqualTo(d("2.1")); // 250 / (150 × 0.8)
    assertThat(u.grossMarginPercent()).isEqualTo(d("80.00"));
  }

  @Test
  void yieldPerCustomerAndGroup() {
    assertThat(m.yields())
        .extracting(CustomerYield::name, CustomerYield::lifetimeRevenue, CustomerYield::ratio)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("A", d("1750.00"), d("5.8")),
            org.assertj.core.groups.Tuple.tuple("C", d("560.00"), d("5.6")),
            org.assertj.core.groups.Tuple.tuple("B", d("400.00"), d("2.0")),
            org.assertj.core.groups.Tuple.tuple("D", d("1240.00"), null),
            org.assertj.core.groups.Tuple.tuple("E", d("720.00"), null));
    assertThat(m.yieldsBy(Grouping.CHANNEL))
        .containsExactly(
            new GroupYield("referral", 1, 0, d("1240.00"), d("0.00"), d("0.00"), null),
            new GroupYield("search", 2, 2, d("960.00"), d("960.00"), d("300.00"), d("3.2")),
            new GroupYield("website", 2, 1, d("2470.00"), d("1750.00"), d("300.00"), d("5.8")));
    assertThat(m.yieldsBy(Grouping.TIER))
        .extracting(GroupYield::group, GroupYield::ratio)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("gold", d("5.8")),
            org.assertj.core.groups.Tuple.tuple("silver", d("3.2")),
            org.assertj.core.groups.Tuple.tuple("unknown", null));
    assertThat(m.yieldsBy(Grouping.INDUSTRY))
        .extracting(GroupYield::group, GroupYield::ratio)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("clinic", d("2.0")), // B 400 / 200; D cost nothing
            org.assertj.core.groups.Tuple.tuple("retail", d("5.8"))); // (1750 + 560) / 400 = 5.775
  }

  @Test
  void groupsSplitTheMrr() {
    SaasMetrics search = m.byGroup(Grouping.CHANNEL).get("search");
    assertThat(search.mrr(YearMonth.of(2025, 1), YearMonth.of(2025, 4)))
        .extracting(MrrMonth::mrr)
        .containsExactly(d("250.00"), d("230.00"), d("30.00"), d("30.00"));
  }

  @Test
  void asOfAnEarlierDayTheLaterFactsAreUnknown() {
    SaasMetrics mid = SaasMetrics.asOf(story(), LocalDate.of(2025, 3, 15));
    MrrMonth mar = mid.mrr(YearMonth.of(2025, 3), YearMonth.of(2025, 3)).get(0);
    // B still pays on Mar 15; A has grown, D is back.
    assertThat(mar.date()).isEqualTo(LocalDate.of(2025, 3, 15));
    assertThat(mar.mrr()).isEqualTo(d("470.00"));
    assertThat(mar.churnMrr()).isEqualTo(d("0.00"));
    assertThat(mid.yields()).noneMatch(y -> y.name().equals("E"));
    assertThat(mid.retention(YearMonth.of(2025, 1), YearMonth.of(2025, 3)).termsEnded())
        .isEqualTo(1);
  }

  @Test
  void windowsAfterTheAsOfMonthOrBackwardsAreRefused() {
    assertThatThrownBy(() -> m.mrr(YearMonth.of(2025, 1), YearMonth.of(2025, 5)))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> m.mrr(YearMonth.of(2025, 3), YearMonth.of(2025, 1)))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(
            () -> m.unitEconomics(YearMonth.of(2025, 1), YearMonth.of(2025, 4), BigDecimal.ZERO))
        .isInstanceOf(InvalidValueException.class);
  }
}
