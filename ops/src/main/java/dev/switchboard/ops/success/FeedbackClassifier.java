package dev.switchboard.ops.success;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Classifies feedback text by keyword rules (English and Chinese), overridden by the user's
 * corrections: a text close to one a user corrected (term overlap at least {@link #SIMILAR}) takes
 * the corrected kind.
 */
public final class FeedbackClassifier {

  /** Jaccard overlap of terms at which two texts say the same thing. */
  public static final double SIMILAR = 0.6;

  /** The built-in rules; stored rules (success_feedback_rule) come first. */
  static final Map<String, FeedbackKind> DEFAULT_RULES = defaults();

  private FeedbackClassifier() {}

  private static Map<String, FeedbackKind> defaults() {
    Map<String, FeedbackKind> m = new LinkedHashMap<>();
    for (String k :
        List.of(
            "bug",
            "error",
            "crash",
            "fail",
            "broken",
            "doesn't work",
            "not work",
            "drop",
            "no audio",
            "one-way",
            "错误",
            "故障",
            "失败",
            "崩溃",
            "掉线",
            "无法",
            "不能",
            "报错",
            "没有声音")) {
      m.put(k, FeedbackKind.BUG);
    }
    for (String k :
        List.of(
            "need",
            "require",
            "must",
            "support for",
            "missing",
            "please add",
            "需要",
            "支持",
            "要求",
            "必须",
            "缺少")) {
      m.put(k, FeedbackKind.REQUIREMENT);
    }
    for (String k :
        List.of(
            "suggest",
            "would be nice",
            "could",
            "better",
            "improve",
            "建议",
            "最好",
            "改进",
            "优化",
            "希望")) {
      m.put(k, FeedbackKind.SUGGESTION);
    }
    return Map.copyOf(m);
  }

  /** A user's corrected example. */
  public record Correction(Set<String> terms, FeedbackKind kind) {}

  /** The kind, and whether a user's correction (not a keyword rule) decided it. */
  public record Classified(FeedbackKind kind, boolean byUser) {}

  public static Classified classify(
      String text, Map<String, FeedbackKind> storedRules, List<Correction> corrections) {
    Set<String> terms = HelpText.terms(text).keySet();
    Correction best = null;
    double bestScore = 0;
    for (Correction c : corrections) {
      double j = jaccard(terms, c.terms());
      if (j >= SIMILAR && j > bestScore) {
        best = c;
        bestScore = j;
      }
    }
    if (best != null) {
      return new Classified(best.kind(), true);
    }
    String lower = text.toLowerCase(Locale.ROOT);
    Map<FeedbackKind, Integer> votes = new LinkedHashMap<>();
    for (Map<String, FeedbackKind> rules : List.of(storedRules, DEFAULT_RULES)) {
      for (Map.Entry<String, FeedbackKind> r : rules.entrySet()) {
        if (lower.contains(r.getKey())) {
          // stored rules outvote built-in ones
          votes.merge(r.getValue(), rules == storedRules ? 10 : 1, Integer::sum);
        }
      }
    }
    FeedbackKind kind = FeedbackKind.SUGGESTION;
    int most = 0;
    for (FeedbackKind k : FeedbackKind.values()) {
      int v = votes.getOrDefault(k, 0);
      if (v > most) {
        most = v;
        kind = k;
      }
    }
    return new Classified(kind, false);
  }

  public static double jaccard(Set<String> a, Set<String> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 0;
    }
    int common = 0;
    for (String t : a) {
      if (b.contains(t)) {
        common++;
      }
    }
    return (double) common / (a.size() + b.size() - common);
  }
}
