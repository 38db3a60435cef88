package dev.switchboard.ops.churn;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One example for the model: numeric features by name and categorical ones by column, without a
 * label. A null or NaN numeric value means missing (the encoder fills in the training mean).
 */
public record FeatureRow(String id, Map<String, Double> numeric, Map<String, String> categorical) {

  public FeatureRow {
    numeric = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(numeric));
    categorical = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(categorical));
  }
}
