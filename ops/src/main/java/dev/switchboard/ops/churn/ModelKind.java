package dev.switchboard.ops.churn;

/** The kinds of churn model trained and compared. */
public enum ModelKind {
  /** Logistic regression by SGD on standardised features and one-hot categories. */
  LOGISTIC("logistic_regression"),
  /** A random forest of CART trees (bagged, half the features per split). */
  FOREST("random_forest");

  private final String code;

  ModelKind(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** Trains a model of this kind on {@code rows}. */
  public ChurnModel train(java.util.List<LabelledRow> rows, long seed) {
    return switch (this) {
      case LOGISTIC -> LogisticChurnModel.train(rows, seed);
      case FOREST -> ForestChurnModel.train(rows, seed);
    };
  }
}
