package dev.switchboard.ops.churn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.common.tree.RandomForestTrainer;

/**
 * A random forest of Tribuo CART trees whose leaf distributions are averaged into a risk. Trees
 * have no coefficients, so a reason is a documented proxy: how much the risk falls when that one
 * feature is set back to the training mean (for a category: the most common value).
 */
public final class ForestChurnModel implements ChurnModel {

  static final int TREES = 50;
  static final int MAX_DEPTH = 6;

  private final FeatureEncoder encoder;
  private final Model<Label> forest;
  private final String[] names;

  private ForestChurnModel(FeatureEncoder encoder, Model<Label> forest) {
    this.encoder = encoder;
    this.forest = forest;
    this.names = encoder.names().toArray(String[]::new);
  }

  static ForestChurnModel train(List<LabelledRow> rows, long seed) {
    TribuoData.requireBothLabels(rows);
    FeatureEncoder enc = FeatureEncoder.fit(rows.stream().map(LabelledRow::row).toList());
    var tree = new CARTClassificationTrainer(MAX_DEPTH, 0.5f, seed);
    var trainer =
        new RandomForestTrainer<Label>(tree, new FullyWeightedVotingCombiner(), TREES, seed);
    return new ForestChurnModel(enc, trainer.train(TribuoData.dataset(enc, rows)));
  }

  @Override
  public ModelKind kind() {
    return ModelKind.FOREST;
  }

  @Override
  public double risk(FeatureRow row) {
    return risk(encoder.encode(row));
  }

  private double risk(double[] x) {
    Label churned =
        forest.predict(TribuoData.example(names, x)).getOutputScores().get(TribuoData.CHURNED);
    return churned == null ? 0 : churned.getScore();
  }

  @Override
  public List<Reason> reasons(FeatureRow row, int top) {
    double[] x = encoder.encode(row);
    double base = risk(x);
    List<Reason> out = new ArrayList<>();
    for (int j = 0; j < encoder.numericCount(); j++) {
      double[] y = x.clone();
      y[j] = 0;
      double raw = encoder.rawValue(row, j);
      out.add(
          new Reason(encoder.names().get(j), null, Double.isNaN(raw) ? null : raw, base - risk(y)));
    }
    for (String column : encoder.categoricalColumns()) {
      Map<String, Integer> slots = encoder.slotsOf(column);
      double[] y = x.clone();
      int mode = -1;
      for (int s : slots.values()) {
        y[s] = -encoder.frequency(s);
        if (mode < 0 || encoder.frequency(s) > encoder.frequency(mode)) {
          mode = s;
        }
      }
      if (mode >= 0) {
        y[mode] += 1;
      }
      String v = row.categorical().get(column);
      out.add(
          new Reason(
              column, v == null || v.isBlank() ? FeatureEncoder.MISSING : v, null, base - risk(y)));
    }
    return out.stream()
        .filter(r -> r.contribution() > 0)
        .sorted(Comparator.comparingDouble(Reason::contribution).reversed())
        .limit(top)
        .toList();
  }
}
