package dev.switchboard.ops.metrics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** The rounding rules of every published figure (docs/metrics.md, "Rounding"). */
final class Figures {

  static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  static final BigDecimal TWELVE = BigDecimal.valueOf(12);

  /** Division precision before the final rounding: far beyond any cent of a realistic figure. */
  private static final MathContext WIDE = MathContext.DECIMAL128;

  private Figures() {}

  /** Money: two decimals, half up. */
  static BigDecimal money(BigDecimal v) {
    return v.setScale(2, RoundingMode.HALF_UP);
  }

  /** {@code num ÷ den} as money, or null when {@code den} is zero. */
  static BigDecimal moneyPer(BigDecimal num, BigDecimal den) {
    return den.signum() == 0 ? null : money(num.divide(den, WIDE));
  }

  /** {@code num ÷ den} as a percentage with two decimals, or null when {@code den} is zero. */
  static BigDecimal percent(BigDecimal num, BigDecimal den) {
    return den.signum() == 0
        ? null
        : num.multiply(HUNDRED).divide(den, WIDE).setScale(2, RoundingMode.HALF_UP);
  }

  /** {@code num ÷ den} with one decimal (收益度, LTV:CAC, payback months), or null if den is 0. */
  static BigDecimal ratio(BigDecimal num, BigDecimal den) {
    return den.signum() == 0 ? null : num.divide(den, WIDE).setScale(1, RoundingMode.HALF_UP);
  }

  /** {@code num ÷ den} unrounded (intermediate results only). */
  static BigDecimal exact(BigDecimal num, BigDecimal den) {
    return num.divide(den, WIDE);
  }
}
