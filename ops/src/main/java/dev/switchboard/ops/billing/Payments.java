package dev.switchboard.ops.billing;

import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.NotFoundException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The money side of issued invoices: payments (never more than is outstanding), credit notes (the
 * only correction of an issued invoice, refunding any excess paid) and refunds.
 */
public final class Payments {

  private final Jdbi jdbi;

  public Payments(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Records a payment; refuses more than is outstanding (field "amount"). */
  public Payment pay(
      String invoiceNumber, LocalDate paidOn, BigDecimal amount, String method, String reference) {
    return jdbi.inTransaction(
        h ->
            pay(
                h,
                Invoices.get(h, invoiceNumber, Invoices.END_OF_TIME).id(),
                paidOn,
                amount,
                method,
                reference));
  }

  static Payment pay(
      Handle h,
      long invoiceId,
      LocalDate paidOn,
      BigDecimal amount,
      String method,
      String reference) {
    BigDecimal a = Money.positive("amount", amount);
    if (paidOn == null) {
      throw new InvalidValueException("paidOn", "paidOn is required");
    }
    lock(h, invoiceId);
    Invoice i = Invoices.byId(h, invoiceId, Invoices.END_OF_TIME);
    if (paidOn.isBefore(i.issuedOn())) {
      throw new InvalidValueException("paidOn", "a payment cannot precede the invoice");
    }
    if (a.compareTo(i.outstanding()) > 0) {
      throw new InvalidValueException(
          "amount", "over-payment refused: outstanding is " + i.outstanding());
    }
    return insertPayment(h, i, paidOn, a, method, reference);
  }

  /** Inserts a payment already checked against the invoice {@code i}. */
  public static Payment insertPayment(
      Handle h, Invoice i, LocalDate paidOn, BigDecimal a, String method, String reference) {
    String m = method == null || method.isBlank() ? "bank_transfer" : method.trim();
    if (m.length() > 32) {
      throw new InvalidValueException("method", "method is at most 32 characters");
    }
    if (reference != null && reference.length() > 100) {
      throw new InvalidValueException("reference", "reference is at most 100 characters");
    }
    long id =
        h.createUpdate(
                "INSERT INTO billing_payment (invoice_id, tenant_id, paid_on, amount, method,"
                    + " reference, created_at) VALUES (:i, :t, :on, :a, :m, :r, :now)")
            .bind("i", i.id())
            .bind("t", i.tenantId())
            .bind("on", paidOn)
            .bind("a", a)
            .bind("m", m)
            .bind("r", reference)
            .bind("now", OffsetDateTime.now(ZoneOffset.UTC))
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
    return new Payment(id, i.id(), i.number(), paidOn, a, Money.ZERO, m, reference);
  }

  /**
   * Issues a credit note against an invoice (at most what is not yet credited); when the invoice
   * was paid beyond what it now asks for, the excess is refunded on the same day.
   */
  public CreditNote creditNote(
      String invoiceNumber, LocalDate on, BigDecimal amount, String reason) {
    return jdbi.inTransaction(
        h ->
            creditNote(
                h, Invoices.get(h, invoiceNumber, Invoices.END_OF_TIME).id(), on, amount, reason));
  }

  static CreditNote creditNote(
      Handle h, long invoiceId, LocalDate on, BigDecimal amount, String reason) {
    BigDecimal a = Money.positive("amount", amount);
    if (on == null) {
      throw new InvalidValueException("issuedOn", "issuedOn is required");
    }
    String why = requireReason(reason);
    lock(h, invoiceId);
    Invoice i = Invoices.byId(h, invoiceId, Invoices.END_OF_TIME);
    if (on.isBefore(i.issuedOn())) {
      throw new InvalidValueException("issuedOn", "a credit note cannot precede the invoice");
    }
    BigDecimal creditable = i.total().subtract(i.credited());
    if (a.compareTo(creditable) > 0) {
      throw new InvalidValueException(
          "amount", "at most " + creditable + " of invoice " + i.number() + " can be credited");
    }
    String number = DocumentNumbers.next(h, "CN", on.getYear());
    long id =
        h.createUpdate(
                "INSERT INTO billing_credit_note (credit_no, invoice_id, tenant_id, issued_on,"
                    + " amount, reason, created_at) VALUES (:no, :i, :t, :on, :a, :r, :now)")
            .bind("no", number)
            .bind("i", invoiceId)
            .bind("t", i.tenantId())
            .bind("on", on)
            .bind("a", a)
            .bind("r", why)
            .bind("now", OffsetDateTime.now(ZoneOffset.UTC))
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
    BigDecimal excess = i.paid().subtract(i.refunded()).subtract(creditable.subtract(a));
    if (excess.signum() > 0) {
      refundExcess(h, invoiceId, on, excess, "credit note " + number);
    }
    return new CreditNote(id, number, i.number(), on, a, why);
  }

  /** Pays back {@code excess} from the invoice's payments, latest first. */
  private static void refundExcess(
      Handle h, long invoiceId, LocalDate on, BigDecimal excess, String reason) {
    BigDecimal left = excess;
    for (Payment p : payments(h, invoiceId)) {
      if (left.signum() == 0) {
        break;
      }
      BigDecimal refundable = p.amount().subtract(p.refunded());
      if (refundable.signum() <= 0) {
        continue;
      }
      BigDecimal r = refundable.min(left);
      insertRefund(h, p.id(), invoiceId, on, r, reason);
      left = left.subtract(r);
    }
  }

  /** Pays back (part of) one payment; the invoice is outstanding again by that much. */
  public Refund refund(long paymentId, LocalDate on, BigDecimal amount, String reason) {
    return jdbi.inTransaction(
        h -> {
          BigDecimal a = Money.positive("amount", amount);
          if (on == null) {
            throw new InvalidValueException("refundedOn", "refundedOn is required");
          }
          String why = requireReason(reason);
          Payment p =
              h.createQuery(
                      "SELECT p.id, p.invoice_id, i.invoice_no, p.paid_on, p.amount, p.method,"
                          + " p.reference, (SELECT COALESCE(SUM(r.amount), 0) FROM billing_refund"
                          + " r WHERE r.payment_id = p.id) AS refunded FROM billing_payment p"
                          + " JOIN billing_invoice i ON i.id = p.invoice_id WHERE p.id = :id")
                  .bind("id", paymentId)
                  .map((rs, ctx) -> payment(rs))
                  .findOne()
                  .orElseThrow(() -> new NotFoundException("paymentId", "no payment " + paymentId));
          lock(h, p.invoiceId());
          if (on.isBefore(p.paidOn())) {
            throw new InvalidValueException("refundedOn", "a refund cannot precede the payment");
          }
          BigDecimal refundable = p.amount().subtract(p.refunded());
          if (a.compareTo(refundable) > 0) {
            throw new InvalidValueException(
                "amount", "at most " + refundable + " of this payment can be refunded");
          }
          long id = insertRefund(h, p.id(), p.invoiceId(), on, a, why);
          return new Refund(id, p.id(), p.invoiceNumber(), on, a, why);
        });
  }

  private static long insertRefund(
      Handle h, long paymentId, long invoiceId, LocalDate on, BigDecimal amount, String reason) {
    return h.createUpdate(
            "INSERT INTO billing_refund (payment_id, invoice_id, tenant_id, refunded_on, amount,"
                + " reason, created_at) SELECT :p, :i, tenant_id, :on, :a, :r, :now FROM"
                + " billing_invoice WHERE id = :i")
        .bind("p", paymentId)
        .bind("i", invoiceId)
        .bind("on", on)
        .bind("a", amount)
        .bind("r", reason)
        .bind("now", OffsetDateTime.now(ZoneOffset.UTC))
        .executeAndReturnGeneratedKeys("id")
        .mapTo(Long.class)
        .one();
  }

  /** The payments of an invoice, latest first. */
  static List<Payment> payments(Handle h, long invoiceId) {
    return h.createQuery(
            "SELECT p.id, p.invoice_id, i.invoice_no, p.paid_on, p.amount, p.method, p.reference,"
                + " (SELECT COALESCE(SUM(r.amount), 0) FROM billing_refund r"
                + " WHERE r.payment_id = p.id) AS refunded FROM billing_payment p"
                + " JOIN billing_invoice i ON i.id = p.invoice_id WHERE p.invoice_id = :id"
                + " ORDER BY p.paid_on DESC, p.id DESC")
        .bind("id", invoiceId)
        .map((rs, ctx) -> payment(rs))
        .list();
  }

  /** Payments, refunds and credit notes of one invoice, for its detail page. */
  public record Activity(List<Payment> payments, List<Refund> refunds, List<CreditNote> credits) {}

  public Activity activity(String invoiceNumber) {
    return jdbi.withHandle(
        h -> {
          Invoice i = Invoices.get(h, invoiceNumber, Invoices.END_OF_TIME);
          List<Payment> payments = new ArrayList<>(payments(h, i.id()));
          java.util.Collections.reverse(payments);
          List<Refund> refunds =
              h.createQuery(
                      "SELECT id, payment_id, refunded_on, amount, reason FROM billing_refund"
                          + " WHERE invoice_id = :id ORDER BY refunded_on, id")
                  .bind("id", i.id())
                  .map(
                      (rs, ctx) ->
                          new Refund(
                              rs.getLong("id"),
                              rs.getLong("payment_id"),
                              i.number(),
                              rs.getObject("refunded_on", LocalDate.class),
                              rs.getBigDecimal("amount"),
                              rs.getString("reason")))
                  .list();
          List<CreditNote> credits =
              h.createQuery(
                      "SELECT id, credit_no, issued_on, amount, reason FROM billing_credit_note"
                          + " WHERE invoice_id = :id ORDER BY issued_on, id")
                  .bind("id", i.id())
                  .map(
                      (rs, ctx) ->
                          new CreditNote(
                              rs.getLong("id"),
                              rs.getString("credit_no"),
                              i.number(),
                              rs.getObject("issued_on", LocalDate.class),
                              rs.getBigDecimal("amount"),
                              rs.getString("reason")))
                  .list();
          return new Activity(List.copyOf(payments), refunds, credits);
        });
  }

  private static Payment payment(ResultSet rs) throws SQLException {
    return new Payment(
        rs.getLong("id"),
        rs.getLong("invoice_id"),
        rs.getString("invoice_no"),
        rs.getObject("paid_on", LocalDate.class),
        rs.getBigDecimal("amount"),
        Money.round(rs.getBigDecimal("refunded")),
        rs.getString("method"),
        rs.getString("reference"));
  }

  /** Serialises concurrent changes to one invoice (a no-op update takes the row lock). */
  private static void lock(Handle h, long invoiceId) {
    int n =
        h.createUpdate("UPDATE billing_invoice SET total = total WHERE id = :id")
            .bind("id", invoiceId)
            .execute();
    if (n == 0) {
      throw new NotFoundException("invoice", "no invoice " + invoiceId);
    }
  }

  private static String requireReason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw new InvalidValueException("reason", "a reason is required");
    }
    if (reason.length() > 200) {
      throw new InvalidValueException("reason", "reason is at most 200 characters");
    }
    return reason.trim();
  }
}
