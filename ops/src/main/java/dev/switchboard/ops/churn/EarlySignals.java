package dev.switchboard.ops.churn;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What preceded a churn: each usage signal over the 12 weeks before the churn date beside the 12
 * weeks before those, and the health score at both points.
 */
public final class EarlySignals {

  private EarlySignals() {}

  /** One signal then and now; {@code change} is relative (−0.5 = halved), null if it was 0. */
  public record Signal(String signal, Double before, Double last12w, Double change) {}

  public static List<Signal> of(CustomerHistory c, LocalDate churnedOn) {
    FeatureRow at = UsageFeatures.of(c, churnedOn);
    List<Signal> out = new ArrayList<>();
    for (UsageFeatures.Signal s : UsageFeatures.Signal.values()) {
      Double now = finite(at.numeric().get(s.key + "_12w"));
      Double trend = finite(at.numeric().get(s.key + "_trend_12w"));
      Double before = now == null || trend == null ? null : now - trend;
      Double change = before == null || before == 0 ? null : (now - before) / before;
      out.add(new Signal(s.key, before, now, change));
    }
    HealthScoreBaseline health = HealthScoreBaseline.defaults();
    double healthNow = health.health(c, churnedOn);
    double healthBefore = health.health(c, churnedOn.minusWeeks(12));
    out.add(
        new Signal(
            "health_score",
            healthBefore,
            healthNow,
            healthBefore == 0 ? null : (healthNow - healthBefore) / healthBefore));
    return out;
  }

  private static Double finite(Double v) {
    return v == null || v.isNaN() || v.isInfinite() ? null : v;
  }
}
