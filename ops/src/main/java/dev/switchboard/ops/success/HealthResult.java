package dev.switchboard.ops.success;

import java.util.Map;

/**
 * A health score: 0–100, its band, and the points each signal contributed (they add up to the score
 * before rounding). Signals without data are missing from {@code points}; their weight went to the
 * others.
 */
public record HealthResult(int score, HealthBand band, Map<HealthSignal, Double> points) {

  public HealthResult {
    points = Map.copyOf(points);
  }
}
