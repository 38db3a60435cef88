package dev.switchboard.ops.churn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns feature rows into vectors the way the training rows taught it: numeric features
 * standardised to mean 0 and standard deviation 1 (missing values become the training mean),
 * categories one-hot over the values seen in training, centred on their training frequency so that
 * every slot has mean 0 and the intercept alone carries the base rate (an unseen value is minus the
 * frequencies everywhere).
 */
public final class FeatureEncoder {

  /** Fewer training rows than this and a category shares the slot of rare ones. */
  static final int MIN_CATEGORY_ROWS = 20;

  /** The slot name for categories too rare in training to get their own coefficient. */
  static final String RARE = "(rare)";

  /** The category value that stands for a missing one. */
  static final String MISSING = "(missing)";

  private final List<String> numeric;
  private final double[] means;
  private final double[] sds;
  private final List<String> names;

  /** Column of each one-hot, and its category. */
  private final Map<String, Map<String, Integer>> oneHot;

  /** Training frequency of each one-hot slot (0 for numeric slots). */
  private final double[] frequencies;

  private FeatureEncoder(
      List<String> numeric,
      double[] means,
      double[] sds,
      List<String> names,
      Map<String, Map<String, Integer>> oneHot,
      double[] frequencies) {
    this.numeric = numeric;
    this.means = means;
    this.sds = sds;
    this.names = names;
    this.oneHot = oneHot;
    this.frequencies = frequencies;
  }

  /** Learns means, deviations and categories from {@code rows}. */
  public static FeatureEncoder fit(List<FeatureRow> rows) {
    Set<String> numericNames = new LinkedHashSet<>();
    Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
    for (FeatureRow r : rows) {
      numericNames.addAll(r.numeric().keySet());
      for (Map.Entry<String, String> e : r.categorical().entrySet()) {
        counts
            .computeIfAbsent(e.getKey(), k -> new java.util.TreeMap<>())
            .merge(category(e), 1, Integer::sum);
      }
    }
    Map<String, Set<String>> categories = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Integer>> c : counts.entrySet()) {
      Set<String> kept = new java.util.TreeSet<>();
      for (Map.Entry<String, Integer> v : c.getValue().entrySet()) {
        kept.add(v.getValue() >= MIN_CATEGORY_ROWS ? v.getKey() : RARE);
      }
      categories.put(c.getKey(), kept);
    }
    List<String> numeric = List.copyOf(numericNames);
    double[] means = new double[numeric.size()];
    double[] sds = new double[numeric.size()];
    for (int j = 0; j < numeric.size(); j++) {
      double sum = 0;
      double sq = 0;
      int n = 0;
      for (FeatureRow r : rows) {
        Double v = r.numeric().get(numeric.get(j));
        if (v != null && !v.isNaN() && !v.isInfinite()) {
          sum += v;
          sq += v * v;
          n++;
        }
      }
      means[j] = n == 0 ? 0 : sum / n;
      double var = n < 2 ? 0 : (sq - n * means[j] * means[j]) / (n - 1);
      sds[j] = var > 1e-12 ? Math.sqrt(var) : 1;
    }
    List<String> names = new ArrayList<>(numeric);
    Map<String, Map<String, Integer>> oneHot = new LinkedHashMap<>();
    for (Map.Entry<String, Set<String>> c : categories.entrySet()) {
      Map<String, Integer> slots = new LinkedHashMap<>();
      for (String value : c.getValue()) {
        slots.put(value, names.size());
        names.add(c.getKey() + "=" + value);
      }
      oneHot.put(c.getKey(), slots);
    }
    double[] freq = new double[names.size()];
    for (FeatureRow r : rows) {
      for (Map.Entry<String, String> e : r.categorical().entrySet()) {
        Integer slot = slot(oneHot.get(e.getKey()), category(e));
        if (slot != null) {
          freq[slot] += 1.0 / rows.size();
        }
      }
    }
    return new FeatureEncoder(numeric, means, sds, List.copyOf(names), oneHot, freq);
  }

  private static String category(Map.Entry<String, String> e) {
    return e.getValue() == null || e.getValue().isBlank() ? MISSING : e.getValue();
  }

  /** The encoded vector of {@code row}. */
  public double[] encode(FeatureRow row) {
    double[] x = new double[names.size()];
    for (int j = 0; j < numeric.size(); j++) {
      Double v = row.numeric().get(numeric.get(j));
      x[j] = v == null || v.isNaN() || v.isInfinite() ? 0 : (v - means[j]) / sds[j];
    }
    for (int j = numeric.size(); j < x.length; j++) {
      x[j] = -frequencies[j];
    }
    for (Map.Entry<String, String> e : row.categorical().entrySet()) {
      Map<String, Integer> slots = oneHot.get(e.getKey());
      if (slots != null) {
        Integer slot = slot(slots, category(e));
        if (slot != null) {
          x[slot] += 1;
        }
      }
    }
    return x;
  }

  /** The slot of a category: its own, else the rare ones' if it has one; null if neither. */
  private static Integer slot(Map<String, Integer> slots, String category) {
    Integer own = slots.get(category);
    return own != null ? own : slots.get(RARE);
  }

  /** Names of the encoded slots: numeric names, then {@code column=value} one-hots. */
  public List<String> names() {
    return names;
  }

  /** How many leading slots are numeric. */
  public int numericCount() {
    return numeric.size();
  }

  /** How often a one-hot slot's category was seen in training (0 for numeric slots). */
  public double frequency(int slot) {
    return frequencies[slot];
  }

  /** The slots of a categorical column, or an empty map. */
  Map<String, Integer> slotsOf(String column) {
    return oneHot.getOrDefault(column, Map.of());
  }

  /** Categorical columns in encoding order. */
  Set<String> categoricalColumns() {
    return oneHot.keySet();
  }

  /** The raw value of numeric slot {@code j} for {@code row}, or NaN when missing. */
  double rawValue(FeatureRow row, int j) {
    Double v = row.numeric().get(numeric.get(j));
    return v == null ? Double.NaN : v;
  }
}
