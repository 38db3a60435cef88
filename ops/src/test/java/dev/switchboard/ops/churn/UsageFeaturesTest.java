package dev.switchboard.ops.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Features and decision points of a small history worked out by hand. */
class UsageFeaturesTest {

  static final LocalDate MONDAY = LocalDate.of(2025, 1, 6);

  /** 24 weeks: 10 seats; registered 8 for weeks 0–19 and 4 for the last four; 2 calls a seat. */
  static CustomerHistory customer(LocalDate churnedOn) {
    List<UsageWeek> weeks = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      boolean late = i >= 20;
      weeks.add(
          new UsageWeek(MONDAY.plusWeeks(i), 10, late ? 4 : 8, late ? 2 : 5, 20, 40, 1, 0b111));
    }
    return new CustomerHistory(
        7, "a.test", "A", "website", "retail", "small", MONDAY.minusYears(1), churnedOn, weeks);
  }

  @Test
  void levelsAndTrendsComeFromTheWeeksBeforeTheDay() {
    // The day after the last week ends: all 24 weeks count.
    FeatureRow f = UsageFeatures.of(customer(null), MONDAY.plusWeeks(24));
    assertThat(f.numeric().get("registered_share_4w")).isCloseTo(0.4, within(1e-12));
    // 12 weeks: 4 at 0.4 and 8 at 0.8.
    assertThat(f.numeric().get("registered_share_12w"))
        .isCloseTo((4 * 0.4 + 8 * 0.8) / 12, within(1e-12));
    assertThat(f.numeric().get("registered_share_trend_4w")).isCloseTo(-0.4, within(1e-12));
    assertThat(f.numeric().get("registered_share_trend_12w"))
        .isCloseTo((4 * 0.4 + 8 * 0.8) / 12 - 0.8, within(1e-12));
    assertThat(f.numeric().get("active_days_4w")).isEqualTo(2.0);
    assertThat(f.numeric().get("calls_per_seat_4w")).isEqualTo(2.0);
    assertThat(f.numeric().get("features_used_4w")).isEqualTo(3.0);
    assertThat(f.numeric().get("calls_vs_habit")).isCloseTo(0.0, within(1e-12));
    // Usage index: (0.4 + 2/6 + 3/3.6) / 3 now, (0.8 + 5/6 + 3/3.6) / 3 before.
    double now = (0.4 + 2 / 6.0 + 3 / 3.6) / 3;
    double before = (0.8 + 5 / 6.0 + 3 / 3.6) / 3;
    assertThat(f.numeric().get("usage_index_drop")).isCloseTo(before - now, within(1e-12));
    assertThat(f.categorical())
        .containsEntry("channel", "website")
        .containsEntry("size_band", "small");
  }

  @Test
  void aWeekThatHasNotEndedIsLeftOut() {
    // Four days into week 23 (index 23): weeks 0–22 count, so the last four are 19–22.
    FeatureRow f = UsageFeatures.of(customer(null), MONDAY.plusWeeks(23).plusDays(4));
    assertThat(f.numeric().get("registered_share_4w"))
        .isCloseTo((0.8 + 3 * 0.4) / 4, within(1e-12));
  }

  @Test
  void decisionPointsAreAnniversariesUntilTheChurn() {
    LocalDate start = MONDAY.minusYears(1);
    CustomerHistory stays = customer(null);
    assertThat(TermCalendar.decisionPoints(stays, start.plusYears(3)))
        .extracting(DecisionPoint::on, DecisionPoint::churned)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(start.plusYears(1), false),
            org.assertj.core.groups.Tuple.tuple(start.plusYears(2), false),
            org.assertj.core.groups.Tuple.tuple(start.plusYears(3), false));
    CustomerHistory leaves = customer(start.plusYears(2));
    assertThat(TermCalendar.decisionPoints(leaves, start.plusYears(3)))
        .extracting(DecisionPoint::on, DecisionPoint::churned)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(start.plusYears(1), false),
            org.assertj.core.groups.Tuple.tuple(start.plusYears(2), true));
    assertThat(TermCalendar.nextTermEnd(stays, start.plusYears(1))).isEqualTo(start.plusYears(2));
  }

  @Test
  void encoderStandardisesAndCentresOneHots() {
    List<FeatureRow> rows =
        List.of(
            new FeatureRow("a", java.util.Map.of("x", 1.0), java.util.Map.of("c", "u")),
            new FeatureRow("b", java.util.Map.of("x", 3.0), java.util.Map.of("c", "u")));
    FeatureEncoder enc = FeatureEncoder.fit(rows);
    // Mean 2, sample sd √2; "u" seen twice < 20 rows → the rare slot, frequency 1.
    assertThat(enc.names()).containsExactly("x", "c=(rare)");
    double[] x =
        enc.encode(new FeatureRow("c", java.util.Map.of("x", 4.0), java.util.Map.of("c", "v")));
    assertThat(x[0]).isCloseTo(2 / Math.sqrt(2), within(1e-12));
    assertThat(x[1]).isEqualTo(0.0);
  }
}
