package dev.switchboard.ops.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The day-based proration rule (docs/billing.md): a change on day {@code on} of the term [{@code
 * termStart}, {@code termEnd}) is charged or credited for the days from {@code on} (included) to
 * {@code termEnd} (excluded), out of the term's days (365 or 366): {@code round_half_up(annual ×
 * remainingDays / termDays, 2)}, rounded once per amount.
 */
public record Proration(LocalDate termStart, LocalDate termEnd, LocalDate on) {

  public long termDays() {
    return ChronoUnit.DAYS.between(termStart, termEnd);
  }

  public long remainingDays() {
    return ChronoUnit.DAYS.between(on, termEnd);
  }

  /** The share of {@code annual} that falls on the remaining days. */
  public BigDecimal of(BigDecimal annual) {
    return annual
        .multiply(BigDecimal.valueOf(remainingDays()))
        .divide(BigDecimal.valueOf(termDays()), 2, RoundingMode.HALF_UP);
  }
}
