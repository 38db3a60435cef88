package dev.switchboard.ops.churn;

import dev.switchboard.ops.billing.RevenueHistory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The monthly revenue at stake when a customer churns: billing's MRR where the tenant has a
 * subscription, else its current seats times a list price per seat and month; the description says
 * which.
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

  /**
   * Billing's MRR as of a day: the tenant's latest MRR span that started on or before it (the
   * running one, or the last one before a cancellation), and the list price for tenants without a
   * subscription.
   *
   * @param mrrByTenant MRR per tenant with a subscription
   */
  record BillingMrr(LocalDate asOf, Map<Long, BigDecimal> mrrByTenant, SeatPrice fallback)
      implements RevenueBasis {

    public BillingMrr {
      mrrByTenant = Map.copyOf(mrrByTenant);
    }

    /** Reads billing's MRR as known on {@code asOf}. */
    public static BillingMrr load(Jdbi jdbi, LocalDate asOf) {
      Map<Long, BigDecimal> latest = new HashMap<>();
      Map<Long, LocalDate> since = new HashMap<>();
      for (RevenueHistory.MrrSpan s : RevenueHistory.load(jdbi, asOf).mrrSpans()) {
        if (s.from().isAfter(asOf)) {
          continue;
        }
        LocalDate prev = since.get(s.tenantId());
        if (prev == null || s.from().isAfter(prev)) {
          since.put(s.tenantId(), s.from());
          latest.put(s.tenantId(), s.mrr().setScale(2, RoundingMode.HALF_UP));
        }
      }
      return new BillingMrr(asOf, latest, SeatPrice.DEFAULT);
    }

    @Override
    public String description() {
      return "billing MRR on "
          + asOf
          + " for the "
          + mrrByTenant.size()
          + " tenant(s) with a subscription; the others: "
          + fallback.description();
    }

    @Override
    public BigDecimal monthly(CustomerHistory c) {
      BigDecimal mrr = mrrByTenant.get(c.tenantId());
      return mrr != null ? mrr : fallback.monthly(c);
    }
  }
}
