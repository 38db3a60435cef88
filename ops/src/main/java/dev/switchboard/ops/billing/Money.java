package dev.switchboard.ops.billing;

import dev.switchboard.store.InvalidValueException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Amounts of money: BigDecimal with two decimals, rounded half up (docs/billing.md). */
public final class Money {

  public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

  /** The largest amount a money column (NUMERIC(14, 2)) holds. */
  public static final BigDecimal MAX = new BigDecimal("999999999999.99");

  private Money() {}

  /** {@code v} rounded to two decimals, half up. */
  public static BigDecimal round(BigDecimal v) {
    return v.setScale(2, RoundingMode.HALF_UP);
  }

  /**
   * A user-supplied amount: at most two decimals and not negative, else {@link
   * InvalidValueException} on {@code field}.
   */
  public static BigDecimal amount(String field, BigDecimal v) {
    if (v == null) {
      throw new InvalidValueException(field, field + " is required");
    }
    if (v.signum() < 0) {
      throw new InvalidValueException(field, field + " must not be negative");
    }
    if (v.stripTrailingZeros().scale() > 2) {
      throw new InvalidValueException(field, field + " has more than two decimals");
    }
    if (v.compareTo(MAX) > 0) {
      throw new InvalidValueException(field, field + " is too large");
    }
    return v.setScale(2, RoundingMode.UNNECESSARY);
  }

  /** Like {@link #amount} but strictly above zero. */
  public static BigDecimal positive(String field, BigDecimal v) {
    BigDecimal a = amount(field, v);
    if (a.signum() == 0) {
      throw new InvalidValueException(field, field + " must be more than zero");
    }
    return a;
  }
}
