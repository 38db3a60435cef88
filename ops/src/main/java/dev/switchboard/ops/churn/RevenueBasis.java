package dev.switchboard.ops.churn;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The monthly revenue at stake when a customer churns. Until billing's MRR is merged it is the
 * customer's current seats times a list price per seat and month; the description says which.
 */
public interface RevenueBasis {

  /** What this basis is, for the API and the docs. */
  String description();

  /** Monthly revenue in CNY, scale 2. */
  BigDecimal monthly(CustomerHistory c);

  /** Seats × a price per seat-month. */
  record SeatPrice(BigDecimal perSeatMonth) implements RevenueBasis {

    /** The list price used until billing's MRR is available: 50.00 CNY per seat and month. */
    public static final SeatPrice DEFAULT = new SeatPrice(new BigDecimal("50.00"));

    @Override
    public String description() {
      return "seats x " + perSeatMonth.toPlainString() + " CNY per seat-month (list price)";
    }

    @Override
    public BigDecimal monthly(CustomerHistory c) {
      return perSeatMonth
          .multiply(BigDecimal.valueOf(c.currentSeats()))
          .setScale(2, RoundingMode.HALF_UP);
    }
  }
}
