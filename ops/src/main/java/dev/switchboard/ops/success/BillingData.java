package dev.switchboard.ops.success;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * What success reads from billing's tables (V5): invoices paid on time, spend, recurring revenue
 * and term ends with their outcome. Referrals come from {@link #referrals} (sales' table when
 * present, else 0).
 */
public final class BillingData implements PaymentPunctuality, CustomerFactsSource, TermEndSource {

  /** Counts referrals per referring tenant; {@code (h, asOf) -> Map.of()} without sales data. */
  @FunctionalInterface
  public interface Referrals {
    Map<Long, Integer> count(Handle h, LocalDate asOf);
  }

  private final Referrals referrals;

  public BillingData(Referrals referrals) {
    this.referrals = referrals;
  }

  /**
   * Of each tenant's invoices due by {@code asOf}, the share whose payments by the due date cover
   * the total (credit notes are not netted: a credited invoice counts as its payments show).
   */
  @Override
  public Map<Long, Double> onTimeShare(Handle h, LocalDate asOf) {
    Map<Long, Double> out = new HashMap<>();
    h.createQuery(
            "SELECT i.tenant_id, COUNT(*), SUM(CASE WHEN COALESCE((SELECT SUM(p.amount) FROM"
                + " billing_payment p WHERE p.invoice_id = i.id AND p.paid_on <= i.due_on), 0) >="
                + " i.total THEN 1 ELSE 0 END) FROM billing_invoice i WHERE i.due_on <= :asOf AND"
                + " i.total > 0 GROUP BY i.tenant_id")
        .bind("asOf", asOf)
        .map((rs, ctx) -> out.put(rs.getLong(1), (double) rs.getInt(3) / rs.getInt(2)))
        .forEach(x -> {});
    return out;
  }

  /** Invoiced in the twelve months up to {@code asOf}. */
  @Override
  public Map<Long, BigDecimal> annualSpend(Handle h, LocalDate asOf) {
    Map<Long, BigDecimal> out = new HashMap<>();
    h.createQuery(
            "SELECT tenant_id, SUM(total) FROM billing_invoice WHERE issued_on > :from AND"
                + " issued_on <= :asOf GROUP BY tenant_id")
        .bind("from", asOf.minusYears(1))
        .bind("asOf", asOf)
        .map((rs, ctx) -> out.put(rs.getLong(1), rs.getBigDecimal(2)))
        .forEach(x -> {});
    return out;
  }

  @Override
  public Map<Long, Integer> referrals(Handle h, LocalDate asOf) {
    return referrals.count(h, asOf);
  }

  /** Annual recurring of live subscriptions ÷ 12, as billing's MRR counts it. */
  @Override
  public Map<Long, BigDecimal> monthlyRevenue(Handle h) {
    Map<Long, BigDecimal> out = new HashMap<>();
    h.createQuery(
            "SELECT tenant_id, recurring_flat + recurring_per_seat * seats FROM"
                + " billing_subscription WHERE status IN ('active', 'cancelling')")
        .map(
            (rs, ctx) ->
                out.put(
                    rs.getLong(1),
                    rs.getBigDecimal(2).divide(BigDecimal.valueOf(12), 2, RoundingMode.HALF_UP)))
        .forEach(x -> {});
    return out;
  }

  /**
   * Every term end in range from the subscription history: renewed when a renewal took effect on
   * it, not renewed when a cancellation (not revoked) did, open otherwise.
   */
  @Override
  public List<TermEnd> termEnds(Handle h, LocalDate from, LocalDate to, LocalDate today) {
    List<TermEnd> out = new ArrayList<>();
    h.createQuery(
            "SELECT e.tenant_id, e.term_end, MAX(CASE WHEN r.kind = 'renew' THEN 1 ELSE 0 END),"
                + " MAX(CASE WHEN r.kind = 'cancel' THEN 1 ELSE 0 END) FROM (SELECT DISTINCT"
                + " tenant_id, term_end FROM billing_subscription_event WHERE revoked_on IS NULL"
                + " AND term_end >= :from AND term_end <= :to) e LEFT JOIN"
                + " billing_subscription_event r ON r.tenant_id = e.tenant_id AND r.effective_on ="
                + " e.term_end AND r.kind IN ('renew', 'cancel') AND r.revoked_on IS NULL GROUP BY"
                + " e.tenant_id, e.term_end ORDER BY e.term_end, e.tenant_id")
        .bind("from", from)
        .bind("to", to)
        .map(
            (rs, ctx) -> {
              LocalDate end = rs.getObject(2, LocalDate.class);
              Boolean renewed =
                  rs.getInt(3) == 1 ? Boolean.TRUE : rs.getInt(4) == 1 ? Boolean.FALSE : null;
              return new TermEnd(rs.getLong(1), end, renewed);
            })
        .forEach(out::add);
    return out;
  }
}
