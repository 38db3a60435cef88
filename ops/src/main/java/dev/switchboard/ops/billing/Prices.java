package dev.switchboard.ops.billing;

import dev.switchboard.store.InvalidValueException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** The prices a subscription was sold at (copied from its plan version) and what they charge. */
public record Prices(
    String currency,
    BigDecimal systemFee,
    BigDecimal accountFee,
    BigDecimal serviceFee,
    boolean servicePerSeat,
    BigDecimal recurringFlat,
    BigDecimal recurringPerSeat) {

  /** The whole first-year charge: system fee plus account fee per seat. */
  public BigDecimal firstYear(int seats) {
    return systemFee.add(accountFee.multiply(BigDecimal.valueOf(seats)));
  }

  /**
   * Refuses {@code seats} when a year of them (either phase) would come to more than a money column
   * holds: fees each within range can still multiply past it.
   */
  public void requireStorable(int seats) {
    for (BigDecimal year :
        new BigDecimal[] {
          firstYear(seats),
          annual(seats),
          annualRecurring(Phase.FIRST_YEAR, seats),
          annualRecurring(Phase.ANNUAL, seats)
        }) {
      if (year.compareTo(Money.MAX) > 0) {
        throw new InvalidValueException(
            "seats", seats + " seats at these prices come to more than " + Money.MAX + " a year");
      }
    }
  }

  /** One year of the annual phase. */
  public BigDecimal annual(int seats) {
    return servicePerSeat ? serviceFee.multiply(BigDecimal.valueOf(seats)) : serviceFee;
  }

  /** The recurring (MRR) part of one year in {@code phase} with {@code seats}. */
  public BigDecimal annualRecurring(Phase phase, int seats) {
    return switch (phase) {
      case FIRST_YEAR -> recurringFlat.add(recurringPerSeat.multiply(BigDecimal.valueOf(seats)));
      case ANNUAL -> annual(seats);
    };
  }

  /** The price of one seat for a year in {@code phase}: zero when the annual fee is flat. */
  public BigDecimal seatPrice(Phase phase) {
    return switch (phase) {
      case FIRST_YEAR -> accountFee;
      case ANNUAL -> servicePerSeat ? serviceFee : Money.ZERO;
    };
  }

  /** Monthly recurring revenue of an annual recurring amount: ÷ 12, two decimals, half up. */
  public static BigDecimal monthly(BigDecimal annualRecurring) {
    return annualRecurring.divide(BigDecimal.valueOf(12), 2, RoundingMode.HALF_UP);
  }
}
