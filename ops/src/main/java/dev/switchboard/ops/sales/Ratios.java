package dev.switchboard.ops.sales;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** The few divisions the sales figures share, each with its documented scale (HALF_UP). */
final class Ratios {

  private Ratios() {}

  /** part ÷ whole to four decimals (0.3333), null when whole is zero. */
  static BigDecimal rate(long part, long whole) {
    return whole == 0
        ? null
        : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
  }

  /** amount ÷ count to two decimals, null when count is zero. */
  static BigDecimal money(BigDecimal amount, long count) {
    return count == 0 ? null : amount.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
  }

  /** count ÷ heads to two decimals, null when heads is zero. */
  static BigDecimal perHead(long count, long heads) {
    return heads == 0
        ? null
        : BigDecimal.valueOf(count).divide(BigDecimal.valueOf(heads), 2, RoundingMode.HALF_UP);
  }

  /** The median of whole days to one decimal (the mean of the middle two when even), or null. */
  static BigDecimal medianDays(List<Long> days) {
    if (days.isEmpty()) {
      return null;
    }
    List<Long> sorted = days.stream().sorted().toList();
    int n = sorted.size();
    long sum = n % 2 == 1 ? 2 * sorted.get(n / 2) : sorted.get(n / 2 - 1) + sorted.get(n / 2);
    return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(2), 1, RoundingMode.HALF_UP);
  }
}
