package dev.switchboard.ops.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A customer's subscription as it stands: the prices it was sold at, seats, the phase and term
 * (from {@code termStart} included to {@code termEnd} excluded), and, once cancelled, {@code
 * endsOn} the first day no longer paid for. {@code mrr} is the recurring revenue per month right
 * now.
 */
public record Subscription(
    long id,
    long tenantId,
    String domain,
    String planCode,
    Prices prices,
    LocalDate startsOn,
    int seats,
    Phase phase,
    LocalDate termStart,
    LocalDate termEnd,
    boolean autoRenew,
    SubscriptionStatus status,
    LocalDate endsOn,
    BigDecimal mrr) {

  /** The recurring part of one year at the current phase and seats. */
  public BigDecimal annualRecurring() {
    return prices.annualRecurring(phase, seats);
  }
}
