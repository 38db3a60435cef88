package dev.switchboard.ops.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A customer's account on {@code asOf}, each sum read from its own table: invoiced (the invoice
 * lines), credited, paid, refunded, and outstanding (per invoice what is still asked for) and
 * overdue (outstanding past the due day). No money is created or lost when {@code invoiced −
 * credited = paid − refunded + outstanding}.
 */
public record Balance(
    long tenantId,
    LocalDate asOf,
    BigDecimal invoiced,
    BigDecimal credited,
    BigDecimal paid,
    BigDecimal refunded,
    BigDecimal outstanding,
    BigDecimal overdue) {

  /** True when the books of this customer balance. */
  public boolean balances() {
    return invoiced.subtract(credited).compareTo(paid.subtract(refunded).add(outstanding)) == 0;
  }

  public static Balance of(Jdbi jdbi, long tenantId, LocalDate asOf) {
    return jdbi.withHandle(h -> of(h, tenantId, asOf));
  }

  static Balance of(Handle h, long tenantId, LocalDate asOf) {
    BigDecimal invoiced =
        sum(
            h,
            "SELECT SUM(l.amount) FROM billing_invoice_line l JOIN billing_invoice i ON i.id ="
                + " l.invoice_id WHERE i.tenant_id = :t AND i.issued_on <= :d",
            tenantId,
            asOf);
    BigDecimal credited =
        sum(
            h,
            "SELECT SUM(amount) FROM billing_credit_note WHERE tenant_id = :t AND issued_on <= :d",
            tenantId,
            asOf);
    BigDecimal paid =
        sum(
            h,
            "SELECT SUM(amount) FROM billing_payment WHERE tenant_id = :t AND paid_on <= :d",
            tenantId,
            asOf);
    BigDecimal refunded =
        sum(
            h,
            "SELECT SUM(amount) FROM billing_refund WHERE tenant_id = :t AND refunded_on <= :d",
            tenantId,
            asOf);
    List<Invoice> invoices =
        h
            .createQuery(
                "SELECT invoice_no FROM billing_invoice WHERE tenant_id = :t AND issued_on <= :d")
            .bind("t", tenantId)
            .bind("d", asOf)
            .mapTo(String.class)
            .list()
            .stream()
            .map(n -> Invoices.get(h, n, asOf))
            .toList();
    BigDecimal outstanding = Money.ZERO;
    BigDecimal overdue = Money.ZERO;
    for (Invoice i : invoices) {
      outstanding = outstanding.add(i.outstanding());
      if (i.status() == InvoiceStatus.OVERDUE) {
        overdue = overdue.add(i.outstanding());
      }
    }
    return new Balance(tenantId, asOf, invoiced, credited, paid, refunded, outstanding, overdue);
  }

  private static BigDecimal sum(Handle h, String sql, long tenantId, LocalDate asOf) {
    BigDecimal v =
        h.createQuery(sql).bind("t", tenantId).bind("d", asOf).mapTo(BigDecimal.class).one();
    return v == null ? Money.ZERO : Money.round(v);
  }
}
