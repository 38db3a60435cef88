package dev.switchboard.ops.metrics;

import dev.switchboard.ops.billing.RevenueHistory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Revenue facts read from billing's tables through {@link RevenueHistory}, in one currency: the
 * metrics never add amounts of different currencies (a customer billed in another is left out).
 */
public final class BillingRevenue implements RevenueSource {

  /** The currency the metrics are reported in unless asked otherwise. */
  public static final String DEFAULT_CURRENCY = "CNY";

  private final Jdbi jdbi;
  private final String currency;

  public BillingRevenue(Jdbi jdbi, String currency) {
    this.jdbi = jdbi;
    this.currency = currency;
  }

  @Override
  public RevenueFacts load(LocalDate asOf) {
    return facts(RevenueHistory.load(jdbi, asOf), currency);
  }

  /** The facts of {@code history}'s customers billed in {@code currency}. */
  public static RevenueFacts facts(RevenueHistory history, String currency) {
    List<Customer> customers = new ArrayList<>();
    Set<Long> ids = new HashSet<>();
    for (RevenueHistory.Customer c : history.customers()) {
      // A tenant appears once per subscription; the first (oldest) one speaks for it.
      if (!currency.equals(c.currency()) || !ids.add(c.tenantId())) {
        continue;
      }
      customers.add(
          new Customer(
              c.tenantId(),
              c.company(),
              c.industry(),
              c.channel(),
              c.tier(),
              c.acquiredOn() != null ? c.acquiredOn() : c.subscribedOn(),
              c.acquisitionCost()));
    }
    List<MrrSpan> spans = new ArrayList<>();
    for (RevenueHistory.MrrSpan s : history.mrrSpans()) {
      if (ids.contains(s.tenantId()) && currency.equals(s.currency())) {
        spans.add(new MrrSpan(s.tenantId(), s.from(), s.toExclusive(), s.mrr()));
      }
    }
    List<Receipt> receipts = new ArrayList<>();
    for (RevenueHistory.Receipt r : history.receipts()) {
      if (ids.contains(r.tenantId())) {
        receipts.add(new Receipt(r.tenantId(), r.on(), r.amount()));
      }
    }
    List<TermOutcome> outcomes = new ArrayList<>();
    for (RevenueHistory.TermOutcome o : history.termOutcomes()) {
      if (ids.contains(o.tenantId())) {
        outcomes.add(new TermOutcome(o.tenantId(), o.termEnd(), o.renewed()));
      }
    }
    return new RevenueFacts(customers, spans, receipts, outcomes);
  }
}
