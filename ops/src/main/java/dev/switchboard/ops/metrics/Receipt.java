package dev.switchboard.ops.metrics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Cash collected from a customer on a day, net of refunds (a refund is a negative receipt). It
 * includes one-time fees: lifetime revenue is everything the customer paid.
 */
public record Receipt(long customer, LocalDate on, BigDecimal amount) {

  public Receipt {
    Objects.requireNonNull(on, "on");
    Objects.requireNonNull(amount, "amount");
  }
}
