package dev.switchboard.ops.churn;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The honest judgement of a training run: trained on decision points before {@code cutoff}, scored
 * on the later ones, the models side by side with the health-score baseline.
 *
 * @param results the logistic regression, the forest and the baseline on the test points
 * @param selectionCvAuc 5-fold cross-validated AUC of each model kind within the training points,
 *     which picks {@code chosen} without looking at the test points
 * @param coefficients the largest standardised logistic coefficients (log-odds per standard
 *     deviation) of the model trained before the cutoff
 */
public record ChurnEvaluation(
    String dataset,
    LocalDate asOf,
    LocalDate cutoff,
    int trainPoints,
    int trainChurned,
    int testPoints,
    int testChurned,
    List<Scores.Result> results,
    Map<String, Double> selectionCvAuc,
    String chosen,
    String baseline,
    Map<String, Double> coefficients) {

  /** The result of one scorer by name, or null. */
  public Scores.Result result(String model) {
    return results.stream().filter(r -> r.model().equals(model)).findFirst().orElse(null);
  }
}
