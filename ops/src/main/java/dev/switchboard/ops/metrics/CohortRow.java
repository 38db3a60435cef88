package dev.switchboard.ops.metrics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * The customers whose first MRR fell in one month, and how many of them (and how much of their MRR)
 * were still there at the end of each later month.
 *
 * @param startMrr the sum of each member's MRR on its first paying day
 */
public record CohortRow(YearMonth cohort, int customers, BigDecimal startMrr, List<Cell> cells) {

  public CohortRow {
    cells = List.copyOf(cells);
  }

  /**
   * The cohort {@code age} months after it started (age 0 is its own first month).
   *
   * @param date the day the figures are for
   */
  public record Cell(
      int age,
      YearMonth month,
      LocalDate date,
      int customers,
      BigDecimal customersPercent,
      BigDecimal mrr,
      BigDecimal mrrPercent) {}
}
