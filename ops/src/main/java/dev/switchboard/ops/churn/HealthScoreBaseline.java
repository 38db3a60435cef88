package dev.switchboard.ops.churn;

import dev.switchboard.ops.customer.WeekSignals;
import dev.switchboard.ops.success.HealthInput;
import dev.switchboard.ops.success.HealthModel;
import dev.switchboard.ops.success.HealthScore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The success department's health score as the churn model's baseline: the score's input is built
 * from the same usage weeks the model sees (only weeks that ended before the decision day), with no
 * business signals, and the risk is 100 minus the score.
 */
public final class HealthScoreBaseline implements ChurnBaseline {

  private final HealthModel model;

  public HealthScoreBaseline(HealthModel model) {
    this.model = model;
  }

  /** The baseline with the health score's documented default weights and window. */
  public static HealthScoreBaseline defaults() {
    return new HealthScoreBaseline(HealthModel.defaults());
  }

  @Override
  public String name() {
    return "health_score";
  }

  /** The 0–100 health score of {@code c} as of {@code day}. */
  public int health(CustomerHistory c, LocalDate day) {
    return HealthScore.score(model, input(c, day)).score();
  }

  /** The health score's input: the usage weeks that ended before {@code day}, oldest first. */
  static HealthInput input(CustomerHistory c, LocalDate day) {
    List<UsageWeek> newestFirst = UsageFeatures.weeksBefore(c, day);
    List<WeekSignals> weeks = new ArrayList<>(newestFirst.size());
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      UsageWeek w = newestFirst.get(i);
      weeks.add(
          new WeekSignals(
              w.weekStart(),
              w.seats(),
              w.registeredSeats(),
              w.activeDays(),
              w.calls(),
              w.minutes(),
              w.consoleLogins(),
              w.featuresUsed()));
    }
    return HealthInput.usage(weeks);
  }

  @Override
  public double risk(CustomerHistory c, LocalDate day) {
    return 100 - health(c, day);
  }
}
