package dev.switchboard.ops.success;

/** How many points one signal added to (positive) or took from the score since the week before. */
public record HealthMovement(HealthSignal signal, double before, double now) {

  public double delta() {
    return now - before;
  }
}
