package dev.switchboard.ops.sales;

import dev.switchboard.store.InvalidValueException;
import java.time.LocalDate;

/** Calendar days {@code from} to {@code to}, both included, in the business time zone. */
public record Period(LocalDate from, LocalDate to) {

  public Period {
    if (from == null || to == null) {
      throw new InvalidValueException("from", "a period needs from and to");
    }
    if (to.isBefore(from)) {
      throw new InvalidValueException("to", "to must not be before from");
    }
  }

  public boolean contains(LocalDate day) {
    return day != null && !day.isBefore(from) && !day.isAfter(to);
  }

  /** Everything: for totals over all time. */
  public static Period always() {
    return new Period(LocalDate.of(1970, 1, 1), LocalDate.of(9999, 12, 31));
  }
}
