package dev.switchboard.ops.churn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Stratified k-fold cross-validation: churned and retained rows are shuffled apart (seeded) and
 * dealt round the folds, so every fold has the same churn rate.
 */
public final class CrossValidation {

  private CrossValidation() {}

  /**
   * Out-of-fold results of one model kind.
   *
   * @param foldAuc AUC of each held-out fold
   * @param risks the held-out risk of every row, in input order
   */
  public record Outcome(ModelKind kind, double[] foldAuc, double[] risks) {

    public double meanAuc() {
      double s = 0;
      for (double a : foldAuc) {
        s += a;
      }
      return s / foldAuc.length;
    }

    public double sdAuc() {
      double m = meanAuc();
      double s = 0;
      for (double a : foldAuc) {
        s += (a - m) * (a - m);
      }
      return foldAuc.length < 2 ? 0 : Math.sqrt(s / (foldAuc.length - 1));
    }
  }

  /** The fold (0..k-1) of each row. */
  static int[] folds(List<LabelledRow> rows, int k, long seed) {
    List<Integer> pos = new ArrayList<>();
    List<Integer> neg = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      (rows.get(i).churned() ? pos : neg).add(i);
    }
    Random random = new Random(seed);
    Collections.shuffle(pos, random);
    Collections.shuffle(neg, random);
    int[] fold = new int[rows.size()];
    int next = 0;
    for (int i : pos) {
      fold[i] = next++ % k;
    }
    for (int i : neg) {
      fold[i] = next++ % k;
    }
    return fold;
  }

  /** Trains {@code kind} k times, each time scoring the fold left out. */
  public static Outcome run(List<LabelledRow> rows, ModelKind kind, int k, long seed) {
    return run(rows, kind, k, seed, train -> kind.train(train, seed));
  }

  /** As {@link #run(List, ModelKind, int, long)} with {@code trainer} making each fold's model. */
  public static Outcome run(
      List<LabelledRow> rows,
      ModelKind kind,
      int k,
      long seed,
      java.util.function.Function<List<LabelledRow>, ChurnModel> trainer) {
    int[] fold = folds(rows, k, seed);
    double[] risks = new double[rows.size()];
    double[] aucs = new double[k];
    for (int f = 0; f < k; f++) {
      List<LabelledRow> train = new ArrayList<>();
      List<Integer> test = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        if (fold[i] == f) {
          test.add(i);
        } else {
          train.add(rows.get(i));
        }
      }
      ChurnModel m = trainer.apply(train);
      double[] r = new double[test.size()];
      boolean[] y = new boolean[test.size()];
      for (int t = 0; t < test.size(); t++) {
        LabelledRow row = rows.get(test.get(t));
        r[t] = m.risk(row.row());
        y[t] = row.churned();
        risks[test.get(t)] = r[t];
      }
      aucs[f] = Scores.auc(r, y);
    }
    return new Outcome(kind, aucs, risks);
  }
}
