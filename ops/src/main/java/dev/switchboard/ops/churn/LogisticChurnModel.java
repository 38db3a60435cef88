package dev.switchboard.ops.churn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;

/**
 * Logistic regression trained by Tribuo's SGD (AdaGrad, stopped early) on standardised features.
 * The two-class softmax is read back as one coefficient per feature, so a customer's reasons are
 * exact: the coefficient times how far the customer's value lies from the training mean, in
 * log-odds.
 */
public final class LogisticChurnModel implements ChurnModel {

  static final double RATE = 0.05;

  private final FeatureEncoder encoder;
  private final double[] beta;
  private final double intercept;
  private final LinearSGDModel tribuo;

  /** Passes over the data this model was trained with. */
  private int epochs;

  private LogisticChurnModel(
      FeatureEncoder encoder, double[] beta, double intercept, LinearSGDModel tribuo) {
    this.encoder = encoder;
    this.beta = beta;
    this.intercept = intercept;
    this.tribuo = tribuo;
  }

  /**
   * Passes over the data tried: stopping early keeps coefficients small (Tribuo's SGD has no L2
   * term that bites here), few churn events want few passes, many want more, so cross-validation
   * within the training rows picks the number.
   */
  static final int[] EPOCH_CHOICES = {1, 3, 10, 30};

  /**
   * Trains with the step size that cross-validates best within {@code rows} (3 folds), so the
   * choice never sees test data.
   */
  static LogisticChurnModel train(List<LabelledRow> rows, long seed) {
    TribuoData.requireBothLabels(rows);
    double best = Double.NEGATIVE_INFINITY;
    int rate = EPOCH_CHOICES[1];
    long churned = rows.stream().filter(LabelledRow::churned).count();
    if (churned >= 6 && rows.size() - churned >= 6) {
      int[] fold = CrossValidation.folds(rows, 3, seed);
      for (int r : EPOCH_CHOICES) {
        double auc = 0;
        for (int f = 0; f < 3; f++) {
          List<LabelledRow> train = new java.util.ArrayList<>();
          List<LabelledRow> test = new java.util.ArrayList<>();
          for (int i = 0; i < rows.size(); i++) {
            (fold[i] == f ? test : train).add(rows.get(i));
          }
          LogisticChurnModel m = train(train, seed, r, RATE);
          double[] risk = new double[test.size()];
          boolean[] y = new boolean[test.size()];
          for (int i = 0; i < risk.length; i++) {
            risk[i] = m.risk(test.get(i).row());
            y[i] = test.get(i).churned();
          }
          auc += Scores.auc(risk, y) / 3;
        }
        if (auc > best) {
          best = auc;
          rate = r;
        }
      }
    }
    return train(rows, seed, rate, RATE);
  }

  static LogisticChurnModel train(List<LabelledRow> rows, long seed, int epochs, double rate) {
    int chosenEpochs = epochs;
    TribuoData.requireBothLabels(rows);
    FeatureEncoder enc = FeatureEncoder.fit(rows.stream().map(LabelledRow::row).toList());
    LinearSGDTrainer trainer =
        new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(rate, 0.1), epochs, -1, 1, seed);
    LinearSGDModel model = trainer.train(TribuoData.dataset(enc, rows));
    DenseMatrix w = model.getWeightsCopy();
    int churned = model.getOutputIDInfo().getID(new Label(TribuoData.CHURNED));
    int stayed = model.getOutputIDInfo().getID(new Label(TribuoData.STAYED));
    int features = model.getFeatureIDMap().size();
    double[] beta = new double[enc.names().size()];
    for (int j = 0; j < beta.length; j++) {
      var info = model.getFeatureIDMap().get(enc.names().get(j));
      if (info != null) {
        int id = info.getID();
        beta[j] = w.get(churned, id) - w.get(stayed, id);
      }
    }
    double intercept = w.get(churned, features) - w.get(stayed, features);
    LogisticChurnModel out = new LogisticChurnModel(enc, beta, intercept, model);
    out.epochs = chosenEpochs;
    return out;
  }

  /** Passes over the data chosen by cross-validation. */
  public int epochs() {
    return epochs;
  }

  @Override
  public ModelKind kind() {
    return ModelKind.LOGISTIC;
  }

  @Override
  public double risk(FeatureRow row) {
    double[] x = encoder.encode(row);
    double z = intercept;
    for (int j = 0; j < x.length; j++) {
      z += beta[j] * x[j];
    }
    return 1 / (1 + Math.exp(-z));
  }

  /** The risk as Tribuo's own model predicts it (the same number; kept to prove that). */
  double tribuoRisk(FeatureRow row) {
    var p =
        tribuo.predict(
            TribuoData.example(encoder.names().toArray(String[]::new), encoder.encode(row)));
    return p.getOutputScores().get(TribuoData.CHURNED).getScore();
  }

  @Override
  public List<Reason> reasons(FeatureRow row, int top) {
    double[] x = encoder.encode(row);
    List<Reason> out = new ArrayList<>();
    for (int j = 0; j < encoder.numericCount(); j++) {
      double raw = encoder.rawValue(row, j);
      out.add(
          new Reason(encoder.names().get(j), null, Double.isNaN(raw) ? null : raw, beta[j] * x[j]));
    }
    for (String column : encoder.categoricalColumns()) {
      double c = 0;
      for (Map.Entry<String, Integer> s : encoder.slotsOf(column).entrySet()) {
        c += beta[s.getValue()] * x[s.getValue()];
      }
      String v = row.categorical().get(column);
      out.add(new Reason(column, v == null || v.isBlank() ? FeatureEncoder.MISSING : v, null, c));
    }
    return out.stream()
        .filter(r -> r.contribution() > 0)
        .sorted(Comparator.comparingDouble(Reason::contribution).reversed())
        .limit(top)
        .toList();
  }

  /** Standardised coefficients by encoded feature name, for the evaluation report. */
  public Map<String, Double> coefficients() {
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    for (int j = 0; j < beta.length; j++) {
      out.put(encoder.names().get(j), beta[j]);
    }
    return out;
  }
}
