package dev.switchboard.ops.success;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.ops.customer.WeekSignals;
import dev.switchboard.store.InvalidValueException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Health scores computed by hand for a few tenants, and properties every score keeps. */
class HealthScoreTest {

  private static final LocalDate MONDAY = LocalDate.of(2026, 11, 16);

  private static WeekSignals week(
      int offset, int seats, int registered, int days, int calls, int minutes, int logins, int f) {
    return new WeekSignals(
        MONDAY.plusWeeks(offset), seats, registered, days, calls, minutes, logins, f);
  }

  private static final WeekSignals HEALTHY = week(0, 10, 8, 5, 200, 450, 2, 0b11);
  private static final WeekSignals QUIET = week(1, 10, 2, 1, 10, 20, 0, 0);

  @Test
  void healthyTenantWithoutBusinessDataScoresOnTheSignalsItHas() {
    // weights present: 20+15+15+10+10+5+5+5 = 85; weighted fractions 16+15+15+10+6.667+5+5+5
    HealthResult r = HealthScore.score(HealthModel.defaults(), HealthInput.usage(List.of(HEALTHY)));
    assertThat(r.score()).isEqualTo(91);
    assertThat(r.band()).isEqualTo(HealthBand.GREEN);
    assertThat(r.points()).doesNotContainKeys(HealthSignal.PAYMENT, HealthSignal.SATISFACTION);
    assertThat(r.points().get(HealthSignal.REGISTRATION)).isEqualTo(18.82);
    assertThat(r.points().get(HealthSignal.FEATURES)).isEqualTo(7.84);
  }

  @Test
  void unhappySurveyAndLatePaymentsPullItDown() {
    HealthResult survey =
        HealthScore.score(HealthModel.defaults(), new HealthInput(List.of(HEALTHY), null, 0, 0, 1));
    assertThat(survey.score()).isEqualTo(86); // 77.667 / 90
    HealthResult both =
        HealthScore.score(HealthModel.defaults(), new HealthInput(List.of(HEALTHY), 0.5, 0, 0, 1));
    assertThat(both.score()).isEqualTo(83); // 82.667 / 100
    assertThat(both.band()).isEqualTo(HealthBand.GREEN);
  }

  @Test
  void quietTenantWithComplaintsIsRed() {
    HealthInput input = new HealthInput(List.of(QUIET), null, 2, null, null);
    HealthResult r = HealthScore.score(HealthModel.defaults(), input);
    // 4 + 3 + 0.75 + 0.444 + 0 + 0 + 5 (seats flat) + 0 (complaints) = 13.194 of 85
    assertThat(r.score()).isEqualTo(16);
    assertThat(r.band()).isEqualTo(HealthBand.RED);
  }

  @Test
  void bandLinesAreGainsightsAndEditable() {
    HealthModel m = HealthModel.defaults();
    assertThat(List.of(m.band(50), m.band(51), m.band(75), m.band(76)))
        .containsExactly(HealthBand.RED, HealthBand.YELLOW, HealthBand.YELLOW, HealthBand.GREEN);
    HealthModel strict = new HealthModel(Map.of(), Map.of(), 60, 85, 4);
    assertThat(strict.band(55)).isEqualTo(HealthBand.RED);
    assertThatThrownBy(() -> new HealthModel(Map.of(), Map.of(), 80, 70, 4))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> new HealthModel(Map.of(HealthSignal.CALLS, -1), Map.of(), 50, 75, 4))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void weightsChangeTheScore() {
    // Only registration counts: 8 of 10 seats registered is 80.
    Map<HealthSignal, Integer> onlyRegistration = new java.util.EnumMap<>(HealthSignal.class);
    for (HealthSignal s : HealthSignal.values()) {
      onlyRegistration.put(s, s == HealthSignal.REGISTRATION ? 1 : 0);
    }
    HealthModel m = new HealthModel(onlyRegistration, Map.of(), 50, 75, 4);
    assertThat(HealthScore.score(m, HealthInput.usage(List.of(HEALTHY))).score()).isEqualTo(80);
  }

  @Test
  void whatMovedItNamesTheSignalsThatFell() {
    HealthModel oneWeek = new HealthModel(Map.of(), Map.of(), 50, 75, 1);
    HealthInput input = HealthInput.usage(List.of(HEALTHY, QUIET));
    List<HealthMovement> moved = HealthScore.movements(oneWeek, input);
    assertThat(moved.get(0).signal()).isEqualTo(HealthSignal.CALLS);
    assertThat(moved.get(0).delta()).isCloseTo(0.88 - 17.65, within(0.001));
    double total = moved.stream().mapToDouble(HealthMovement::delta).sum();
    int before = HealthScore.score(oneWeek, HealthInput.usage(List.of(HEALTHY))).score();
    int now = HealthScore.score(oneWeek, input).score();
    assertThat(total).isCloseTo(now - before, within(1.0));
  }

  @Test
  void trendScoresEachWeekFromTheUsageUpToIt() {
    HealthModel oneWeek = new HealthModel(Map.of(), Map.of(), 50, 75, 1);
    List<HealthScore.WeekScore> trend =
        HealthScore.trend(oneWeek, HealthInput.usage(List.of(HEALTHY, QUIET)), 8);
    assertThat(trend)
        .extracting(HealthScore.WeekScore::weekStart)
        .containsExactly(MONDAY, MONDAY.plusWeeks(1));
    assertThat(trend.get(0).score()).isEqualTo(91);
    assertThat(trend.get(1).score()).isLessThan(30);
  }

  @Test
  void shrinkingSeatsCountAgainst() {
    HealthInput shrink =
        HealthInput.usage(
            List.of(week(0, 10, 8, 5, 200, 450, 2, 3), week(1, 5, 4, 5, 100, 225, 2, 3)));
    assertThat(HealthScore.fractions(HealthModel.defaults(), shrink).get(HealthSignal.SEATS_TREND))
        .isEqualTo(0.0);
  }

  @Property
  void scoreStaysInRangeAndPointsAddUp(
      @ForAll @IntRange(min = 0, max = 50) int seats,
      @ForAll @IntRange(min = 0, max = 60) int registered,
      @ForAll @IntRange(min = 0, max = 7) int days,
      @ForAll @IntRange(min = 0, max = 5000) int calls,
      @ForAll @IntRange(min = 0, max = 20000) int minutes,
      @ForAll @IntRange(min = 0, max = 63) int features,
      @ForAll @IntRange(min = 0, max = 5) int complaints) {
    HealthInput input =
        new HealthInput(
            List.of(week(0, seats, registered, days, calls, minutes, 1, features)),
            null,
            complaints,
            null,
            null);
    HealthResult r = HealthScore.score(HealthModel.defaults(), input);
    assertThat(r.score()).isBetween(0, 100);
    double sum = r.points().values().stream().mapToDouble(Double::doubleValue).sum();
    assertThat(sum).isCloseTo(r.score(), within(0.6));
  }

  @Property
  void moreRegisteredSeatsNeverLowerTheScore(
      @ForAll @IntRange(min = 1, max = 50) int seats,
      @ForAll @IntRange(min = 0, max = 49) int registered) {
    int r = Math.min(registered, seats - 1);
    int lower =
        HealthScore.score(
                HealthModel.defaults(),
                HealthInput.usage(List.of(week(0, seats, r, 3, 50, 100, 1, 1))))
            .score();
    int higher =
        HealthScore.score(
                HealthModel.defaults(),
                HealthInput.usage(List.of(week(0, seats, r + 1, 3, 50, 100, 1, 1))))
            .score();
    assertThat(higher).isGreaterThanOrEqualTo(lower);
  }
}
