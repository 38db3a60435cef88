package dev.switchboard.ops.metrics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One customer's MRR as a step function of the day, and its cash collected to any day. The MRR of a
 * day is the sum of the spans covering it, rounded to the cent once per customer and day, so every
 * total and movement built from it adds up exactly.
 */
final class CustomerLine {

  /** A day after any real date: "never". */
  static final int NEVER = Integer.MAX_VALUE;

  private static final int[] NO_DAYS = new int[0];
  private static final BigDecimal[] NO_AMOUNTS = new BigDecimal[0];

  final Customer customer;

  /** The first day with MRR above zero, or null when it never paid a recurring charge. */
  final LocalDate firstPaid;

  /** {@link #firstPaid} as an epoch day, or {@link #NEVER}. */
  final int firstPaidDay;

  /**
   * Epoch days on which the MRR changes, ascending, and the MRR and ARR in cents from each on. The
   * hot loops run over these primitives; cents add up exactly.
   */
  private final int[] changes;

  private final long[] mrr;
  private final long[] arr;

  /** Receipt days (epoch days), ascending, and the cash collected up to and including each. */
  private final int[] paidOn;

  private final BigDecimal[] paidToDate;

  CustomerLine(Customer customer, List<MrrSpan> spans, List<Receipt> receipts) {
    this.customer = customer;
    TreeMap<LocalDate, BigDecimal> deltas = new TreeMap<>();
    for (MrrSpan s : spans) {
      if (s.mrr().signum() == 0 || s.from().equals(s.toExclusive())) {
        continue;
      }
      deltas.merge(s.from(), s.mrr(), BigDecimal::add);
      if (s.toExclusive() != null) {
        deltas.merge(s.toExclusive(), s.mrr().negate(), BigDecimal::add);
      }
    }
    int n = deltas.size();
    changes = new int[n];
    mrr = new long[n];
    arr = new long[n];
    BigDecimal level = BigDecimal.ZERO;
    LocalDate first = null;
    int i = 0;
    for (Map.Entry<LocalDate, BigDecimal> e : deltas.entrySet()) {
      level = level.add(e.getValue());
      changes[i] = (int) e.getKey().toEpochDay();
      mrr[i] = cents(level);
      arr[i] = cents(level.multiply(Figures.TWELVE));
      if (first == null && mrr[i] > 0) {
        first = e.getKey();
      }
      i++;
    }
    firstPaid = first;
    firstPaidDay = first == null ? NEVER : (int) first.toEpochDay();
    if (receipts.isEmpty()) {
      paidOn = NO_DAYS;
      paidToDate = NO_AMOUNTS;
    } else {
      List<Receipt> sorted = new ArrayList<>(receipts);
      sorted.sort(Comparator.comparing(Receipt::on));
      paidOn = new int[sorted.size()];
      paidToDate = new BigDecimal[sorted.size()];
      BigDecimal sum = BigDecimal.ZERO;
      for (int k = 0; k < sorted.size(); k++) {
        sum = sum.add(sorted.get(k).amount());
        paidOn[k] = (int) sorted.get(k).on().toEpochDay();
        paidToDate[k] = sum;
      }
    }
  }

  /** An amount rounded to the cent (HALF_UP), in cents. */
  private static long cents(BigDecimal v) {
    return Figures.money(v).unscaledValue().longValueExact();
  }

  /** MRR in cents on epoch day {@code day}. */
  long mrrCents(int day) {
    int k = lastAtOrBefore(changes, day);
    return k < 0 ? 0 : mrr[k];
  }

  /** ARR in cents on epoch day {@code day}: the unrounded MRR × 12, to the cent. */
  long arrCents(int day) {
    int k = lastAtOrBefore(changes, day);
    return k < 0 ? 0 : arr[k];
  }

  /** MRR on {@code day}, to the cent. */
  BigDecimal mrrOn(LocalDate day) {
    return BigDecimal.valueOf(mrrCents((int) day.toEpochDay()), 2);
  }

  /** Cash collected (net of refunds) on or before {@code day}. */
  BigDecimal paidTo(LocalDate day) {
    int k = lastAtOrBefore(paidOn, (int) day.toEpochDay());
    return k < 0 ? BigDecimal.ZERO.setScale(2) : paidToDate[k];
  }

  boolean paying(LocalDate day) {
    return mrrCents((int) day.toEpochDay()) > 0;
  }

  /** The day the customer counts as acquired: the deal date, else its first paying day. */
  LocalDate acquiredOn() {
    return customer.acquiredOn() != null ? customer.acquiredOn() : firstPaid;
  }

  private static int lastAtOrBefore(int[] days, int day) {
    int k = Arrays.binarySearch(days, day);
    return k >= 0 ? k : -k - 2;
  }
}
