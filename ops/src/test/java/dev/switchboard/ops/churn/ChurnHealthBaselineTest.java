package dev.switchboard.ops.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The success health score as the churn baseline reads only the weeks before the decision day. */
class ChurnHealthBaselineTest {

  static final LocalDate DAY = LocalDate.of(2026, 6, 1);

  static UsageWeek steady(LocalDate start) {
    // 10 seats, half registered, 5 active days, 10 calls and 45 minutes a seat, 3 features, 1
    // login.
    return new UsageWeek(start, 10, 5, 5, 100, 450, 1, 0b111);
  }

  static UsageWeek idle(LocalDate start) {
    return new UsageWeek(start, 10, 0, 0, 0, 0, 0, 0);
  }

  static CustomerHistory customer(List<UsageWeek> weeks) {
    return new CustomerHistory(
        1, "a.example", "A", "search", "retail", "small", LocalDate.of(2025, 6, 1), null, weeks);
  }

  @Test
  void riskIsHundredMinusTheDefaultScoreOfTheLastFourWeeksBeforeTheDay() {
    CustomerHistory c =
        customer(
            List.of(
                idle(LocalDate.of(2026, 4, 27)), // fifth week back: outside the four-week window
                steady(LocalDate.of(2026, 5, 4)),
                steady(LocalDate.of(2026, 5, 11)),
                steady(LocalDate.of(2026, 5, 18)),
                steady(LocalDate.of(2026, 5, 25)),
                idle(LocalDate.of(2026, 6, 1)))); // ends after the decision day: unseen
    // Usage-only weights: registration 20, active days 15, calls 15, minutes 10, features 10,
    // console logins 5, seats trend 5, complaints 5 = 85 (no payment or satisfaction data).
    // Points: 20×0.5 + 15×1 + 15×0.5 + 10×1 + 10×1 + 5×0.5 + 5×1 + 5×1 = 65 → 100×65/85 = 76.47.
    HealthScoreBaseline b = HealthScoreBaseline.defaults();
    assertThat(b.health(c, DAY)).isEqualTo(76);
    assertThat(b.risk(c, DAY)).isCloseTo(24.0, within(1e-9));
    assertThat(b.name()).isEqualTo("health_score");
  }

  @Test
  void weeksAfterTheDecisionDayNeverChangeTheRisk() {
    List<UsageWeek> before =
        List.of(
            steady(LocalDate.of(2026, 5, 4)),
            idle(LocalDate.of(2026, 5, 11)),
            steady(LocalDate.of(2026, 5, 18)),
            steady(LocalDate.of(2026, 5, 25)));
    List<UsageWeek> withLater = new java.util.ArrayList<>(before);
    withLater.add(idle(LocalDate.of(2026, 5, 28)));
    withLater.add(idle(LocalDate.of(2026, 6, 1)));
    HealthScoreBaseline b = HealthScoreBaseline.defaults();
    assertThat(b.risk(customer(withLater), DAY)).isEqualTo(b.risk(customer(before), DAY));
    assertThat(b.risk(customer(List.of()), DAY)).isGreaterThan(b.risk(customer(before), DAY));
  }
}
