package dev.switchboard.ops.churn;

import java.util.List;

/** A trained churn model: a risk in [0, 1] for a feature row, and the reasons behind it. */
public sealed interface ChurnModel permits LogisticChurnModel, ForestChurnModel {

  ModelKind kind();

  /** Probability of churning at the next term end. */
  double risk(FeatureRow row);

  /** The {@code top} features pushing this row's risk up most, largest first. */
  List<Reason> reasons(FeatureRow row, int top);
}
