package dev.switchboard.ops.churn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The evaluation of an imported customer table: 5-fold cross-validated AUC of logistic regression
 * and the forest, their pooled out-of-fold precision at the top 10 % and calibration, and the
 * riskiest rows (out-of-fold risk, reasons from the model trained on every row).
 */
public record OwnHistoryReport(
    int rows,
    int churned,
    List<OwnHistory.Column> columns,
    List<ModelFolds> models,
    String chosen,
    List<RowRisk> riskiest) {

  /** Folds of cross-validation. */
  public static final int FOLDS = 5;

  /** One model kind's cross-validation. */
  public record ModelFolds(
      String model, List<Double> foldAuc, double meanAuc, double sdAuc, Scores.Result pooled) {}

  /** A row of the table with its held-out risk and the reasons behind it. */
  public record RowRisk(String row, boolean churned, double risk, List<Reason> reasons) {}

  /** Evaluates {@code table}; the same seed gives the same report. */
  public static OwnHistoryReport of(OwnHistory table, long seed) {
    List<LabelledRow> rows = table.rows();
    boolean[] y = new boolean[rows.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = rows.get(i).churned();
    }
    List<ModelFolds> models = new ArrayList<>();
    ModelKind chosen = ModelKind.LOGISTIC;
    double best = Double.NEGATIVE_INFINITY;
    double[] chosenRisks = null;
    for (ModelKind kind : ModelKind.values()) {
      CrossValidation.Outcome o = CrossValidation.run(rows, kind, FOLDS, seed);
      List<Double> folds = new ArrayList<>();
      for (double a : o.foldAuc()) {
        folds.add(a);
      }
      models.add(
          new ModelFolds(
              kind.code(),
              folds,
              o.meanAuc(),
              o.sdAuc(),
              Scores.of(kind.code(), o.risks(), y, true)));
      if (o.meanAuc() > best + (kind == ModelKind.LOGISTIC ? 0 : 0.005)) {
        best = o.meanAuc();
        chosen = kind;
        chosenRisks = o.risks();
      }
    }
    ChurnModel full = chosen.train(rows, seed);
    double[] risks = chosenRisks;
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -risks[i]));
    List<RowRisk> top = new ArrayList<>();
    for (int i : order.subList(0, Math.min(20, order.size()))) {
      LabelledRow r = rows.get(i);
      top.add(new RowRisk(r.row().id(), r.churned(), risks[i], full.reasons(r.row(), 3)));
    }
    int churned = 0;
    for (boolean b : y) {
      churned += b ? 1 : 0;
    }
    return new OwnHistoryReport(rows.size(), churned, table.columns(), models, chosen.code(), top);
  }
}
