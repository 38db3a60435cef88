package dev.switchboard.ops.success;

import dev.switchboard.store.InvalidValueException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The editable part of the health score: a weight and a "full at" threshold per signal, the band
 * lines and how many recent weeks the usage signals average over.
 *
 * @param redMax scores up to this are red (Gainsight: 50)
 * @param yellowMax scores above {@code redMax} up to this are yellow (Gainsight: 75); above, green
 * @param windowWeeks usage signals average over this many most recent weeks
 */
public record HealthModel(
    Map<HealthSignal, Integer> weights,
    Map<HealthSignal, Double> fullAt,
    int redMax,
    int yellowMax,
    int windowWeeks) {

  public HealthModel {
    EnumMap<HealthSignal, Integer> w = new EnumMap<>(HealthSignal.class);
    EnumMap<HealthSignal, Double> f = new EnumMap<>(HealthSignal.class);
    for (HealthSignal s : HealthSignal.values()) {
      int weight = weights.getOrDefault(s, s.defaultWeight());
      double full = fullAt.getOrDefault(s, s.defaultFullAt());
      if (weight < 0 || weight > 1000) {
        throw new InvalidValueException("weights", s.code() + " weight must be 0..1000");
      }
      if (!(full > 0) || Double.isInfinite(full)) {
        throw new InvalidValueException("fullAt", s.code() + " threshold must be above 0");
      }
      w.put(s, weight);
      f.put(s, full);
    }
    if (w.values().stream().mapToInt(Integer::intValue).sum() == 0) {
      throw new InvalidValueException("weights", "at least one weight must be above 0");
    }
    if (redMax < 0 || yellowMax <= redMax || yellowMax >= 100) {
      throw new InvalidValueException("bands", "need 0 <= redMax < yellowMax < 100");
    }
    if (windowWeeks < 1 || windowWeeks > 26) {
      throw new InvalidValueException("windowWeeks", "must be 1..26");
    }
    weights = Collections.unmodifiableMap(w);
    fullAt = Collections.unmodifiableMap(f);
  }

  /** The documented defaults: weights summing to 100, Gainsight bands, a four-week window. */
  public static HealthModel defaults() {
    return new HealthModel(Map.of(), Map.of(), 50, 75, 4);
  }

  public HealthBand band(int score) {
    return score <= redMax
        ? HealthBand.RED
        : score <= yellowMax ? HealthBand.YELLOW : HealthBand.GREEN;
  }
}
