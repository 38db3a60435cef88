package dev.switchboard.ops.success;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Where tiers and the feedback inbox read what other departments know: spend and revenue (billing)
 * and referrals made (sales). Each returns per tenant id; a tenant missing from a map has 0.
 */
public interface CustomerFactsSource {

  /** Invoiced (or paid) amount of the twelve months before {@code asOf}. */
  Map<Long, BigDecimal> annualSpend(Handle h, LocalDate asOf);

  /** Customers won whose lead was referred by this customer. */
  Map<Long, Integer> referrals(Handle h, LocalDate asOf);

  /** Monthly recurring revenue now, for revenue at stake. */
  Map<Long, BigDecimal> monthlyRevenue(Handle h);

  /** No billing or sales data yet: every customer has spent 0 and referred no one. */
  CustomerFactsSource NONE =
      new CustomerFactsSource() {
        @Override
        public Map<Long, BigDecimal> annualSpend(Handle h, LocalDate asOf) {
          return Map.of();
        }

        @Override
        public Map<Long, Integer> referrals(Handle h, LocalDate asOf) {
          return Map.of();
        }

        @Override
        public Map<Long, BigDecimal> monthlyRevenue(Handle h) {
          return Map.of();
        }
      };
}
