package dev.switchboard.ops.churn;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One training run over a customer history: a time-based evaluation (train on the past, test on the
 * later months) of logistic regression, a forest and the baseline, then the chosen kind retrained
 * on every decision point for scoring today's customers.
 */
public final class ChurnTraining {

  /** Share of decision points, latest first, kept back for testing when no cutoff is given. */
  static final double TEST_SHARE = 0.3;

  /**
   * Below this many churned training points the kinds are not compared by cross-validation (five
   * folds of a few churners say little, and the forests cost seconds): logistic is used.
   */
  static final int MIN_CHURNED_FOR_SELECTION = 30;

  private ChurnTraining() {}

  /** The evaluation and the model to score with. */
  public record Trained(ChurnEvaluation evaluation, ChurnModel model) {}

  /**
   * Trains on {@code customers} as of {@code asOf}.
   *
   * @param cutoff the first day of the test period, or null for the first of the month that puts
   *     about 30 % of decision points in the test
   */
  public static Trained run(
      String dataset,
      List<CustomerHistory> customers,
      LocalDate asOf,
      LocalDate cutoff,
      ChurnBaseline baseline,
      long seed) {
    List<DecisionPoint> points = TermCalendar.decisionPoints(customers, asOf);
    if (points.isEmpty()) {
      throw new IllegalArgumentException("no term has ended yet: nothing to learn from");
    }
    LocalDate cut = cutoff != null ? cutoff : autoCutoff(points);
    List<DecisionPoint> train = new ArrayList<>();
    List<DecisionPoint> test = new ArrayList<>();
    for (DecisionPoint p : points) {
      (p.on().isBefore(cut) ? train : test).add(p);
    }
    List<LabelledRow> trainRows = UsageFeatures.rows(train);
    List<LabelledRow> testRows = UsageFeatures.rows(test);
    int trainChurned = (int) train.stream().filter(DecisionPoint::churned).count();
    int testChurned = (int) test.stream().filter(DecisionPoint::churned).count();
    if (trainChurned == 0 || trainChurned == train.size()) {
      throw new IllegalArgumentException(
          "the training period before " + cut + " needs both churned and renewed customers");
    }

    boolean[] y = new boolean[test.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = test.get(i).churned();
    }
    List<Scores.Result> results = new ArrayList<>();
    Map<String, Double> coefficients = Map.of();
    int epochs = LogisticChurnModel.EPOCH_CHOICES[1];
    for (ModelKind kind : ModelKind.values()) {
      ChurnModel m = kind.train(trainRows, seed);
      double[] r = new double[test.size()];
      for (int i = 0; i < r.length; i++) {
        r[i] = m.risk(testRows.get(i).row());
      }
      results.add(Scores.of(kind.code(), r, y, true));
      if (m instanceof LogisticChurnModel lr) {
        coefficients = largest(lr.coefficients(), 12);
        epochs = lr.epochs();
      }
    }
    double[] b = new double[test.size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = baseline.risk(test.get(i).customer(), test.get(i).on());
    }
    results.add(Scores.of(baseline.name(), b, y, false));

    Map<String, Double> selection = new LinkedHashMap<>();
    ModelKind chosen = ModelKind.LOGISTIC;
    if (trainChurned >= MIN_CHURNED_FOR_SELECTION
        && train.size() - trainChurned >= MIN_CHURNED_FOR_SELECTION) {
      double best = Double.NEGATIVE_INFINITY;
      for (ModelKind kind : ModelKind.values()) {
        // Logistic regression keeps the passes chosen on the training period: choosing again
        // inside every fold would cost a dozen fits each and change little.
        int e = epochs;
        double auc =
            CrossValidation.run(
                    trainRows,
                    kind,
                    5,
                    seed,
                    rows ->
                        kind == ModelKind.LOGISTIC
                            ? LogisticChurnModel.train(rows, seed, e, LogisticChurnModel.RATE)
                            : kind.train(rows, seed))
                .meanAuc();
        selection.put(kind.code(), auc);
        // The forest must beat logistic regression outright to be chosen.
        if (auc > best + (kind == ModelKind.LOGISTIC ? 0 : 0.005)) {
          best = auc;
          chosen = kind;
        }
      }
    }
    ChurnEvaluation eval =
        new ChurnEvaluation(
            dataset,
            asOf,
            cut,
            train.size(),
            trainChurned,
            test.size(),
            testChurned,
            results,
            selection,
            chosen.code(),
            baseline.name(),
            coefficients);
    ChurnModel model = chosen.train(UsageFeatures.rows(points), seed);
    return new Trained(eval, model);
  }

  private static LocalDate autoCutoff(List<DecisionPoint> sorted) {
    int index = (int) Math.floor(sorted.size() * (1 - TEST_SHARE));
    LocalDate at = sorted.get(Math.min(index, sorted.size() - 1)).on();
    return at.withDayOfMonth(1);
  }

  private static Map<String, Double> largest(Map<String, Double> all, int n) {
    Map<String, Double> out = new LinkedHashMap<>();
    all.entrySet().stream()
        .sorted(
            Comparator.comparingDouble((Map.Entry<String, Double> e) -> -Math.abs(e.getValue())))
        .limit(n)
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
