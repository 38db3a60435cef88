package dev.switchboard.ops.metrics;

import java.time.LocalDate;
import java.util.Objects;

/**
 * How a subscription term ended: renewed for another term or not.
 *
 * @param termEnd the last paid day of the term
 */
public record TermOutcome(long customer, LocalDate termEnd, boolean renewed) {

  public TermOutcome {
    Objects.requireNonNull(termEnd, "termEnd");
  }
}
