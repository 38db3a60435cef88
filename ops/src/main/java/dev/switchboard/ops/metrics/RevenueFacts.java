package dev.switchboard.ops.metrics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Everything the metrics are computed from: customers and their MRR spans, receipts and term
 * outcomes. Every span, receipt and outcome must name a listed customer.
 */
public record RevenueFacts(
    List<Customer> customers,
    List<MrrSpan> spans,
    List<Receipt> receipts,
    List<TermOutcome> outcomes) {

  public RevenueFacts {
    customers = List.copyOf(customers);
    spans = List.copyOf(spans);
    receipts = List.copyOf(receipts);
    outcomes = List.copyOf(outcomes);
    // Sorted ids and binary search: no boxing for the million receipts of a large history.
    long[] ids = new long[customers.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = customers.get(i).id();
    }
    Arrays.sort(ids);
    for (int i = 1; i < ids.length; i++) {
      if (ids[i] == ids[i - 1]) {
        throw new IllegalArgumentException("customer " + ids[i] + " listed twice");
      }
    }
    for (MrrSpan s : spans) {
      requireKnown(ids, s.customer());
    }
    for (Receipt r : receipts) {
      requireKnown(ids, r.customer());
    }
    for (TermOutcome o : outcomes) {
      requireKnown(ids, o.customer());
    }
  }

  private static void requireKnown(long[] ids, long customer) {
    if (Arrays.binarySearch(ids, customer) < 0) {
      throw new IllegalArgumentException("customer " + customer + " is not listed");
    }
  }

  /**
   * What was known on {@code asOf}: customers acquired (or paying) by then, spans begun by then
   * with an end after it turned into an open end, receipts and term ends dated on or before it.
   */
  public RevenueFacts until(LocalDate asOf) {
    Set<Long> paying = new HashSet<>();
    List<MrrSpan> s = new ArrayList<>();
    for (MrrSpan span : spans) {
      if (!span.from().isAfter(asOf)) {
        paying.add(span.customer());
        boolean endsLater = span.toExclusive() != null && span.toExclusive().isAfter(asOf);
        s.add(endsLater ? new MrrSpan(span.customer(), span.from(), null, span.mrr()) : span);
      }
    }
    List<Customer> c = new ArrayList<>();
    for (Customer customer : customers) {
      boolean acquired = customer.acquiredOn() != null && !customer.acquiredOn().isAfter(asOf);
      if (acquired || paying.contains(customer.id())) {
        c.add(customer);
      }
    }
    Set<Long> known = new HashSet<>();
    c.forEach(x -> known.add(x.id()));
    List<Receipt> r = new ArrayList<>();
    for (Receipt receipt : receipts) {
      if (!receipt.on().isAfter(asOf) && known.contains(receipt.customer())) {
        r.add(receipt);
      }
    }
    List<TermOutcome> o = new ArrayList<>();
    for (TermOutcome outcome : outcomes) {
      if (!outcome.termEnd().isAfter(asOf) && known.contains(outcome.customer())) {
        o.add(outcome);
      }
    }
    return new RevenueFacts(c, s, r, o);
  }

  /** The facts of the customers {@code keep} accepts. */
  public RevenueFacts of(Predicate<Customer> keep) {
    Set<Long> ids = new HashSet<>();
    List<Customer> c = new ArrayList<>();
    for (Customer customer : customers) {
      if (keep.test(customer)) {
        c.add(customer);
        ids.add(customer.id());
      }
    }
    return new RevenueFacts(
        c,
        spans.stream().filter(x -> ids.contains(x.customer())).toList(),
        receipts.stream().filter(x -> ids.contains(x.customer())).toList(),
        outcomes.stream().filter(x -> ids.contains(x.customer())).toList());
  }
}
