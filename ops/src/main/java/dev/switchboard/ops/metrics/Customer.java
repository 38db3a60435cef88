package dev.switchboard.ops.metrics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A paying customer as the metrics see it: who it is, how it was won and what winning it cost.
 *
 * @param acquiredOn the day the deal was won; null means the start of its first MRR span
 * @param acquisitionCost what winning it cost; null when unknown (left out of CAC and 收益度)
 */
public record Customer(
    long id,
    String name,
    String industry,
    String channel,
    String tier,
    LocalDate acquiredOn,
    BigDecimal acquisitionCost) {

  public Customer {
    Objects.requireNonNull(name, "name");
    if (acquisitionCost != null && acquisitionCost.signum() < 0) {
      throw new IllegalArgumentException("acquisition cost below zero for customer " + id);
    }
  }
}
