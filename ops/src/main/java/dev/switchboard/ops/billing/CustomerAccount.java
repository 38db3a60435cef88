package dev.switchboard.ops.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;

/**
 * One line of the billing customer list: who, on what plan, how many seats, the MRR now, when the
 * term ends, and what is outstanding and overdue on {@code asOf}.
 */
public record CustomerAccount(
    long tenantId,
    String domain,
    String company,
    String planCode,
    int seats,
    Phase phase,
    SubscriptionStatus status,
    LocalDate termEnd,
    BigDecimal mrr,
    String currency,
    BigDecimal outstanding,
    BigDecimal overdue) {

  /** Customers whose domain or company contains {@code search} (all when null), by domain. */
  public static List<CustomerAccount> list(Jdbi jdbi, String search, LocalDate asOf) {
    String q = search == null ? null : "%" + search.trim().toLowerCase(Locale.ROOT) + "%";
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT s.*, t.sip_domain, t.name,"
                        + " (SELECT COALESCE(SUM(i.total), 0) FROM billing_invoice i"
                        + "   WHERE i.tenant_id = s.tenant_id AND i.issued_on <= :d) AS invoiced,"
                        + " (SELECT COALESCE(SUM(i.total), 0) FROM billing_invoice i"
                        + "   WHERE i.tenant_id = s.tenant_id AND i.due_on < :d) AS due_total,"
                        + " (SELECT COALESCE(SUM(c.amount), 0) FROM billing_credit_note c"
                        + "   WHERE c.tenant_id = s.tenant_id AND c.issued_on <= :d) AS credited,"
                        + " (SELECT COALESCE(SUM(c.amount), 0) FROM billing_credit_note c JOIN"
                        + "   billing_invoice i ON i.id = c.invoice_id WHERE c.tenant_id ="
                        + "   s.tenant_id AND c.issued_on <= :d AND i.due_on < :d) AS due_credited,"
                        + " (SELECT COALESCE(SUM(p.amount), 0) FROM billing_payment p"
                        + "   WHERE p.tenant_id = s.tenant_id AND p.paid_on <= :d) AS paid,"
                        + " (SELECT COALESCE(SUM(p.amount), 0) FROM billing_payment p JOIN"
                        + "   billing_invoice i ON i.id = p.invoice_id WHERE p.tenant_id ="
                        + "   s.tenant_id AND p.paid_on <= :d AND i.due_on < :d) AS due_paid,"
                        + " (SELECT COALESCE(SUM(r.amount), 0) FROM billing_refund r"
                        + "   WHERE r.tenant_id = s.tenant_id AND r.refunded_on <= :d) AS refunded,"
                        + " (SELECT COALESCE(SUM(r.amount), 0) FROM billing_refund r JOIN"
                        + "   billing_invoice i ON i.id = r.invoice_id WHERE r.tenant_id ="
                        + "   s.tenant_id AND r.refunded_on <= :d AND i.due_on < :d) AS due_refunded"
                        + " FROM billing_subscription s JOIN tenant t ON t.id = s.tenant_id"
                        + (q == null
                            ? ""
                            : " WHERE LOWER(t.sip_domain) LIKE :q OR LOWER(t.name) LIKE :q")
                        + " ORDER BY t.sip_domain")
                .bind("d", asOf)
                .configure(
                    org.jdbi.v3.core.statement.SqlStatements.class,
                    c -> c.setUnusedBindingAllowed(true))
                .bind("q", q)
                .map(
                    (rs, ctx) -> {
                      SubscriptionStatus status = SubscriptionStatus.parse(rs.getString("status"));
                      LocalDate endsOn = rs.getObject("ends_on", LocalDate.class);
                      if (status == SubscriptionStatus.CANCELLING
                          && endsOn != null
                          && !asOf.isBefore(endsOn)) {
                        status = SubscriptionStatus.CANCELLED;
                      }
                      Prices p =
                          new Prices(
                              rs.getString("currency"),
                              rs.getBigDecimal("system_fee"),
                              rs.getBigDecimal("account_fee"),
                              rs.getBigDecimal("service_fee"),
                              rs.getBoolean("service_per_seat"),
                              rs.getBigDecimal("recurring_flat"),
                              rs.getBigDecimal("recurring_per_seat"));
                      Phase phase = Phase.parse(rs.getString("phase"));
                      int seats = rs.getInt("seats");
                      // Outstanding is never negative per invoice, so the sums give it exactly.
                      BigDecimal outstanding =
                          rs.getBigDecimal("invoiced")
                              .subtract(rs.getBigDecimal("credited"))
                              .subtract(rs.getBigDecimal("paid"))
                              .add(rs.getBigDecimal("refunded"));
                      BigDecimal overdue =
                          rs.getBigDecimal("due_total")
                              .subtract(rs.getBigDecimal("due_credited"))
                              .subtract(rs.getBigDecimal("due_paid"))
                              .add(rs.getBigDecimal("due_refunded"));
                      return new CustomerAccount(
                          rs.getLong("tenant_id"),
                          rs.getString("sip_domain"),
                          rs.getString("name"),
                          rs.getString("plan_code"),
                          seats,
                          phase,
                          status,
                          rs.getObject("term_end", LocalDate.class),
                          status == SubscriptionStatus.CANCELLED
                              ? Money.ZERO
                              : Prices.monthly(p.annualRecurring(phase, seats)),
                          p.currency(),
                          Money.round(outstanding),
                          Money.round(overdue));
                    })
                .list());
  }
}
