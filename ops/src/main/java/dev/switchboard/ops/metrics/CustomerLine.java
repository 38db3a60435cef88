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

  private static final LocalDate[] NO_DAYS = new LocalDate[0];
  private static final BigDecimal[] NO_AMOUNTS = new BigDecimal[0];

  final Customer customer;

  /** The first day with MRR above zero, or null when it never paid a recurring charge. */
  final LocalDate firstPaid;

  /** Days on which the MRR changes, ascending, and the rounded MRR and ARR from each on. */
  private final LocalDate[] changes;

  private final BigDecimal[] mrr;
  private final BigDecimal[] arr;

  /** Receipt days, ascending, and the cash collected up to and including each. */
  private final LocalDate[] paidOn;

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
    changes = new LocalDate[n];
    mrr = new BigDecimal[n];
    arr = new BigDecimal[n];
    BigDecimal level = BigDecimal.ZERO;
    LocalDate first = null;
    int i = 0;
    for (Map.Entry<LocalDate, BigDecimal> e : deltas.entrySet()) {
      level = level.add(e.getValue());
      changes[i] = e.getKey();
      mrr[i] = Figures.money(level);
      arr[i] = Figures.money(level.multiply(Figures.TWELVE));
      if (first == null && mrr[i].signum() > 0) {
        first = e.getKey();
      }
      i++;
    }
    firstPaid = first;
    if (receipts.isEmpty()) {
      paidOn = NO_DAYS;
      paidToDate = NO_AMOUNTS;
    } else {
      List<Receipt> sorted = new ArrayList<>(receipts);
      sorted.sort(Comparator.comparing(Receipt::on));
      paidOn = new LocalDate[sorted.size()];
      paidToDate = new BigDecimal[sorted.size()];
      BigDecimal sum = BigDecimal.ZERO;
      for (int k = 0; k < sorted.size(); k++) {
        sum = sum.add(sorted.get(k).amount());
        paidOn[k] = sorted.get(k).on();
        paidToDate[k] = sum;
      }
    }
  }

  /** MRR on {@code day}, to the cent. */
  BigDecimal mrrOn(LocalDate day) {
    int k = lastAtOrBefore(changes, day);
    return k < 0 ? BigDecimal.ZERO.setScale(2) : mrr[k];
  }

  /** ARR on {@code day}: the unrounded MRR × 12, to the cent. */
  BigDecimal arrOn(LocalDate day) {
    int k = lastAtOrBefore(changes, day);
    return k < 0 ? BigDecimal.ZERO.setScale(2) : arr[k];
  }

  /** Cash collected (net of refunds) on or before {@code day}. */
  BigDecimal paidTo(LocalDate day) {
    int k = lastAtOrBefore(paidOn, day);
    return k < 0 ? BigDecimal.ZERO.setScale(2) : paidToDate[k];
  }

  boolean paying(LocalDate day) {
    return mrrOn(day).signum() > 0;
  }

  /** The day the customer counts as acquired: the deal date, else its first paying day. */
  LocalDate acquiredOn() {
    return customer.acquiredOn() != null ? customer.acquiredOn() : firstPaid;
  }

  private static int lastAtOrBefore(LocalDate[] days, LocalDate day) {
    int k = Arrays.binarySearch(days, day);
    return k >= 0 ? k : -k - 2;
  }
}
