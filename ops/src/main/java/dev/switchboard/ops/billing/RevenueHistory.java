package dev.switchboard.ops.billing;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Billing's revenue facts as they were known on {@code asOf}: the read API the metrics are computed
 * from. Load it with {@link #load(Jdbi, LocalDate)}; it only holds data recorded on or before
 * {@code asOf}, so every figure can be recomputed for a past date.
 *
 * <ul>
 *   <li>{@link Customer}: every tenant whose subscription started on or before {@code asOf}, with
 *       its customer_profile columns when the profile exists (else null).
 *   <li>{@link MrrSpan}: recurring revenue per month, {@code annual recurring ÷ 12} rounded half up
 *       to cents, constant over [{@code from}, {@code toExclusive}). The first year counts only its
 *       recurring part (by default the part equal to the annual service fee; the rest is a one-time
 *       set-up fee), so a plan whose first-year recurring part equals the annual fee shows no
 *       movement at the first renewal. A new span starts at every seat change that changes the MRR;
 *       adjacent spans always differ in MRR. A span ends when the paid period ends: at the term end
 *       after a cancellation at term end (churn is booked then), or on the day of an immediate
 *       cancellation. {@code toExclusive} is null when the span was still running on {@code asOf};
 *       it may lie after {@code asOf} when a cancellation was already scheduled. A reactivation
 *       starts a new span after a gap.
 *   <li>{@link Receipt}: realised revenue per tenant and day: payments received minus refunds paid
 *       (a day with only refunds is negative), in the subscription's currency.
 *   <li>{@link TermOutcome}: each term that came to an end on or before {@code asOf}: renewed, or
 *       not (cancelled at term end; an immediate cancellation ends its term early and counts as not
 *       renewed on the cancellation day). Terms still awaiting a decision are absent.
 * </ul>
 */
public record RevenueHistory(
    LocalDate asOf,
    List<Customer> customers,
    List<MrrSpan> mrrSpans,
    List<Receipt> receipts,
    List<TermOutcome> termOutcomes) {

  /** A customer: tenant and, when present, its customer_profile. */
  public record Customer(
      long tenantId,
      String domain,
      String company,
      String industry,
      String tenantStatus,
      String region,
      String sizeBand,
      String channel,
      String campaign,
      String tier,
      BigDecimal acquisitionCost,
      LocalDate acquiredOn,
      String ownerEmail,
      String planCode,
      String currency,
      LocalDate subscribedOn) {}

  /** Monthly recurring revenue {@code mrr} from {@code from} (included) to {@code toExclusive}. */
  public record MrrSpan(
      long tenantId, LocalDate from, LocalDate toExclusive, BigDecimal mrr, String currency) {}

  /** Money received (payments minus refunds) from a tenant on one day. */
  public record Receipt(long tenantId, LocalDate on, BigDecimal amount) {}

  /** Whether the term ending on {@code termEnd} was renewed. */
  public record TermOutcome(long tenantId, LocalDate termEnd, boolean renewed) {}

  /** Reads everything known on or before {@code asOf}. */
  public static RevenueHistory load(Jdbi jdbi, LocalDate asOf) {
    return jdbi.withHandle(h -> load(h, asOf));
  }

  static RevenueHistory load(Handle h, LocalDate asOf) {
    List<Customer> customers =
        h.createQuery(
                "SELECT t.id, t.sip_domain, t.name, t.industry, t.status, p.company, p.region,"
                    + " p.size_band, p.acquisition_channel, p.acquisition_campaign, p.tier,"
                    + " p.acquisition_cost, p.acquired_on, p.owner_email, s.plan_code,"
                    + " s.currency, s.starts_on FROM billing_subscription s JOIN tenant t ON t.id"
                    + " = s.tenant_id LEFT JOIN customer_profile p ON p.tenant_id = t.id WHERE"
                    + " s.starts_on <= :asOf AND EXISTS (SELECT 1 FROM billing_subscription_event"
                    + " e WHERE e.subscription_id = s.id AND e.recorded_on <= :asOf) ORDER BY t.id")
            .bind("asOf", asOf)
            .map((rs, ctx) -> customer(rs))
            .list();
    Map<Long, String> currency = new LinkedHashMap<>();
    for (Customer c : customers) {
      currency.put(c.tenantId(), c.currency());
    }
    Map<Long, List<SubscriptionEvent>> events = new LinkedHashMap<>();
    h.createQuery(
            "SELECT * FROM billing_subscription_event WHERE recorded_on <= :asOf"
                + " AND (revoked_on IS NULL OR revoked_on > :asOf)"
                + " ORDER BY tenant_id, effective_on, id")
        .bind("asOf", asOf)
        .map((rs, ctx) -> Subscriptions.event(rs))
        .forEach(e -> events.computeIfAbsent(e.tenantId(), k -> new ArrayList<>()).add(e));
    List<MrrSpan> spans = new ArrayList<>();
    List<TermOutcome> outcomes = new ArrayList<>();
    for (Map.Entry<Long, List<SubscriptionEvent>> e : events.entrySet()) {
      String cur = currency.get(e.getKey());
      if (cur != null) {
        spans(e.getKey(), e.getValue(), asOf, cur, spans);
        outcomes(e.getKey(), e.getValue(), asOf, outcomes);
      }
    }
    List<Receipt> receipts =
        h.createQuery(
                "SELECT tenant_id, on_day, SUM(amount) AS amount FROM ("
                    + " SELECT tenant_id, paid_on AS on_day, amount FROM billing_payment"
                    + " WHERE paid_on <= :asOf UNION ALL"
                    + " SELECT tenant_id, refunded_on AS on_day, -amount FROM billing_refund"
                    + " WHERE refunded_on <= :asOf) m GROUP BY tenant_id, on_day"
                    + " ORDER BY tenant_id, on_day")
            .bind("asOf", asOf)
            .map(
                (rs, ctx) ->
                    new Receipt(
                        rs.getLong("tenant_id"),
                        rs.getObject("on_day", LocalDate.class),
                        Money.round(rs.getBigDecimal("amount"))))
            .list();
    outcomes.sort(Comparator.comparing(TermOutcome::termEnd).thenComparing(TermOutcome::tenantId));
    return new RevenueHistory(
        asOf, List.copyOf(customers), List.copyOf(spans), receipts, List.copyOf(outcomes));
  }

  /** Walks one tenant's events in effective order, cutting a span wherever the MRR changes. */
  static void spans(
      long tenantId,
      List<SubscriptionEvent> events,
      LocalDate asOf,
      String currency,
      List<MrrSpan> out) {
    BigDecimal mrr = Money.ZERO;
    LocalDate from = null;
    for (SubscriptionEvent e : events) {
      boolean cancel = e.kind().equals("cancel");
      if (!cancel && e.effectiveOn().isAfter(asOf)) {
        continue;
      }
      BigDecimal next = cancel ? Money.ZERO : Prices.monthly(e.annualRecurring());
      if (next.compareTo(mrr) == 0) {
        continue;
      }
      if (mrr.signum() > 0 && e.effectiveOn().isAfter(from)) {
        out.add(new MrrSpan(tenantId, from, e.effectiveOn(), mrr, currency));
      }
      mrr = next;
      from = e.effectiveOn();
    }
    if (mrr.signum() > 0) {
      out.add(new MrrSpan(tenantId, from, null, mrr, currency));
    }
  }

  static void outcomes(
      long tenantId, List<SubscriptionEvent> events, LocalDate asOf, List<TermOutcome> out) {
    for (SubscriptionEvent e : events) {
      if (e.effectiveOn().isAfter(asOf)) {
        continue;
      }
      if (e.kind().equals("renew")) {
        out.add(new TermOutcome(tenantId, e.effectiveOn(), true));
      } else if (e.kind().equals("cancel")) {
        out.add(new TermOutcome(tenantId, e.effectiveOn(), false));
      }
    }
  }

  private static Customer customer(ResultSet rs) throws SQLException {
    String company = rs.getString("company");
    return new Customer(
        rs.getLong("id"),
        rs.getString("sip_domain"),
        company == null ? rs.getString("name") : company,
        rs.getString("industry"),
        rs.getString("status"),
        rs.getString("region"),
        rs.getString("size_band"),
        rs.getString("acquisition_channel"),
        rs.getString("acquisition_campaign"),
        rs.getString("tier"),
        rs.getBigDecimal("acquisition_cost"),
        rs.getObject("acquired_on", LocalDate.class),
        rs.getString("owner_email"),
        rs.getString("plan_code"),
        rs.getString("currency"),
        rs.getObject("starts_on", LocalDate.class));
  }
}
