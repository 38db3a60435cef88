package dev.switchboard.ops.churn;

import java.time.LocalDate;

/**
 * What the model is compared with: a plain health score turned into a risk (higher is riskier);
 * {@link HealthScoreBaseline} puts the success department's {@code HealthScore} here.
 */
public interface ChurnBaseline {

  /** A short name for reports. */
  String name();

  /** A risk-ordered number for {@code c} as of {@code day}; only its order matters. */
  double risk(CustomerHistory c, LocalDate day);
}
