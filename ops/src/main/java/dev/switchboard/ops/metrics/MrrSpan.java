package dev.switchboard.ops.metrics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A stretch of days over which a customer pays a recurring charge, already normalised to a month
 * (an annual fee ÷ 12; one-time fees never appear here). Overlapping spans of one customer add up.
 *
 * @param toExclusive the first day no longer paid for (the paid period's end + 1); null while the
 *     span runs on
 * @param mrr monthly recurring revenue at any scale; the engine rounds per customer (see docs)
 */
public record MrrSpan(long customer, LocalDate from, LocalDate toExclusive, BigDecimal mrr) {

  public MrrSpan {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(mrr, "mrr");
    if (toExclusive != null && toExclusive.isBefore(from)) {
      throw new IllegalArgumentException("span of customer " + customer + " ends before it starts");
    }
    if (mrr.signum() < 0) {
      throw new IllegalArgumentException("negative MRR for customer " + customer);
    }
  }
}
