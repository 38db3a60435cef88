package dev.switchboard.ops.churn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * How well risks ranked and matched what happened: ROC AUC (ties count half), precision among the
 * top 10 % by risk, and calibration in ten equal-width bins with the Brier score.
 */
public final class Scores {

  /** The top share of customers a success team can call on: precision is measured there. */
  public static final double TOP_SHARE = 0.10;

  private Scores() {}

  /** One reliability bin: risks in [from, to), how many, their mean and the churn rate seen. */
  public record CalibrationBin(
      double from, double to, int n, double meanPredicted, double observedRate) {}

  /**
   * The figures of one scorer on one set of outcomes.
   *
   * @param auc null when the outcomes have only one class
   * @param brier null for a score that is not a probability (the health-score baseline)
   */
  public record Result(
      String model,
      int n,
      int churned,
      Double auc,
      Double precisionAtTop10,
      Double brier,
      List<CalibrationBin> calibration) {}

  /** The figures of {@code risks} against {@code churned}; calibration only if probabilities. */
  public static Result of(String model, double[] risks, boolean[] churned, boolean probabilities) {
    int positives = 0;
    for (boolean c : churned) {
      positives += c ? 1 : 0;
    }
    return new Result(
        model,
        risks.length,
        positives,
        defined(auc(risks, churned)),
        defined(precisionAtTop(risks, churned, TOP_SHARE)),
        probabilities ? defined(brier(risks, churned)) : null,
        probabilities ? calibration(risks, churned, 10) : List.of());
  }

  /** Null for a figure that is not defined (one class only, no rows): JSON has no NaN. */
  private static Double defined(double v) {
    return Double.isNaN(v) ? null : v;
  }

  /**
   * ROC AUC by the rank-sum (Mann-Whitney) formula with average ranks for ties; NaN if one class.
   */
  public static double auc(double[] risks, boolean[] churned) {
    int n = risks.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> risks[i]));
    double rankSum = 0;
    long pos = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && risks[order[j + 1]] == risks[order[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (churned[order[k]]) {
          rankSum += rank;
          pos++;
        }
      }
      i = j + 1;
    }
    long neg = n - pos;
    if (pos == 0 || neg == 0) {
      return Double.NaN;
    }
    return (rankSum - pos * (pos + 1) / 2.0) / (pos * (double) neg);
  }

  /** Share of churners among the ceil(share × n) highest risks (ties broken by input order). */
  public static double precisionAtTop(double[] risks, boolean[] churned, double share) {
    int n = risks.length;
    if (n == 0) {
      return Double.NaN;
    }
    int k = (int) Math.ceil(share * n);
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> risks[i]).reversed());
    int hits = 0;
    for (int i = 0; i < k; i++) {
      hits += churned[order[i]] ? 1 : 0;
    }
    return hits / (double) k;
  }

  /** Mean squared difference between risk and outcome (0 or 1). */
  public static double brier(double[] risks, boolean[] churned) {
    double sum = 0;
    for (int i = 0; i < risks.length; i++) {
      double d = risks[i] - (churned[i] ? 1 : 0);
      sum += d * d;
    }
    return risks.length == 0 ? Double.NaN : sum / risks.length;
  }

  /** Equal-width bins over [0, 1]; empty bins are left out. */
  public static List<CalibrationBin> calibration(double[] risks, boolean[] churned, int bins) {
    int[] n = new int[bins];
    double[] sum = new double[bins];
    int[] pos = new int[bins];
    for (int i = 0; i < risks.length; i++) {
      int b = Math.min(bins - 1, Math.max(0, (int) Math.floor(risks[i] * bins)));
      n[b]++;
      sum[b] += risks[i];
      pos[b] += churned[i] ? 1 : 0;
    }
    List<CalibrationBin> out = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      if (n[b] > 0) {
        out.add(
            new CalibrationBin(
                b / (double) bins,
                (b + 1) / (double) bins,
                n[b],
                sum[b] / n[b],
                pos[b] / (double) n[b]));
      }
    }
    return out;
  }
}
