package dev.switchboard.ops.billing;

import dev.switchboard.ops.customer.BusinessCalendar;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.NotFoundException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Issues invoices and records what happens to them: payments (never more than is outstanding),
 * credit notes (the only correction of an issued invoice) and refunds.
 */
public final class Invoices {

  /** Calendar days are in the business time zone. */

  /** Days from issue to due date unless said otherwise (net 30). */
  public static final int NET_DAYS = 30;

  /** "As of" for the whole history, later than any real day (and storable in a DATE). */
  public static final LocalDate END_OF_TIME = LocalDate.of(9999, 12, 31);

  private final Jdbi jdbi;
  private final Clock clock;

  public Invoices(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** Today in the business time zone. */
  public LocalDate today() {
    return BusinessCalendar.BUSINESS.today(clock);
  }

  /** A filter for {@link #list}: every part may be null. */
  public record Filter(
      String domain, InvoiceStatus status, LocalDate issuedFrom, LocalDate issuedTo) {}

  /** One page of invoices, newest first, and how many match in all. */
  public record Page(List<Invoice> items, int total, int offset, int limit) {}

  /** The invoices matching {@code filter} as they stand on {@code asOf}, newest first. */
  public Page list(Filter filter, LocalDate asOf, int offset, int limit) {
    StringBuilder where = new StringBuilder(" WHERE i.issued_on <= :asOf");
    if (filter.domain() != null) {
      where.append(" AND t.sip_domain = :domain");
    }
    if (filter.issuedFrom() != null) {
      where.append(" AND i.issued_on >= :from");
    }
    if (filter.issuedTo() != null) {
      where.append(" AND i.issued_on <= :to");
    }
    String matching =
        "SELECT * FROM ("
            + select(where.toString())
            + ") x"
            + (filter.status() == null ? "" : " WHERE " + statusCondition(filter.status()));
    return jdbi.withHandle(
        h -> {
          Query count = h.createQuery("SELECT COUNT(*) FROM (" + matching + ") c");
          Query page =
              h.createQuery(
                  matching + " ORDER BY x.issued_on DESC, x.id DESC LIMIT :limit OFFSET :offset");
          for (Query q : List.of(count, page)) {
            q.bind("asOf", asOf);
            if (filter.domain() != null) {
              q.bind("domain", filter.domain().trim().toLowerCase(java.util.Locale.ROOT));
            }
            if (filter.issuedFrom() != null) {
              q.bind("from", filter.issuedFrom());
            }
            if (filter.issuedTo() != null) {
              q.bind("to", filter.issuedTo());
            }
          }
          int total = count.mapTo(Integer.class).one();
          List<Invoice> items =
              page.bind("limit", limit)
                  .bind("offset", offset)
                  .map((rs, ctx) -> map(rs, asOf))
                  .list();
          return new Page(items, total, offset, limit);
        });
  }

  /** {@link InvoiceStatus#of} in SQL over the columns of {@link #select}, for filtering. */
  private static String statusCondition(InvoiceStatus status) {
    String voided = "(x.total - x.credited = 0 AND x.total > 0)";
    String outstanding = "(x.total - x.credited - x.paid + x.refunded)";
    return switch (status) {
      case VOID -> voided;
      case PAID -> "NOT " + voided + " AND " + outstanding + " <= 0";
      case OVERDUE -> outstanding + " > 0 AND x.due_on < :asOf";
      case PARTIALLY_PAID -> outstanding + " > 0 AND x.due_on >= :asOf AND x.paid - x.refunded > 0";
      case ISSUED -> outstanding + " > 0 AND x.due_on >= :asOf AND x.paid - x.refunded <= 0";
    };
  }

  /** The invoice numbered {@code number} with its lines, as it stands on {@code asOf}. */
  public Invoice get(String number, LocalDate asOf) {
    return jdbi.withHandle(h -> get(h, number, asOf));
  }

  static Invoice get(Handle h, String number, LocalDate asOf) {
    Invoice i =
        h.createQuery(select(" WHERE i.invoice_no = :no"))
            .bind("no", number == null ? "" : number.trim())
            .bind("asOf", asOf)
            .map((rs, ctx) -> map(rs, asOf))
            .findOne()
            .orElseThrow(() -> new NotFoundException("number", "no invoice " + number));
    return withLines(h, i);
  }

  static Invoice byId(Handle h, long id, LocalDate asOf) {
    Invoice i =
        h.createQuery(select(" WHERE i.id = :id"))
            .bind("id", id)
            .bind("asOf", asOf)
            .map((rs, ctx) -> map(rs, asOf))
            .one();
    return withLines(h, i);
  }

  /** Every invoice of a tenant (all lines included) as it stands on {@code asOf}, oldest first. */
  public List<Invoice> ofTenant(long tenantId, LocalDate asOf) {
    return jdbi.withHandle(
        h ->
            h
                .createQuery(
                    select(
                        " WHERE i.tenant_id = :t AND i.issued_on <= :asOf"
                            + " ORDER BY i.issued_on, i.id"))
                .bind("t", tenantId)
                .bind("asOf", asOf)
                .map((rs, ctx) -> map(rs, asOf))
                .list()
                .stream()
                .map(i -> withLines(h, i))
                .toList());
  }

  private static Invoice withLines(Handle h, Invoice i) {
    List<InvoiceLine> lines =
        h.createQuery(
                "SELECT line_no, phase, description, period_from, period_to, seats, unit_price,"
                    + " amount, recurring FROM billing_invoice_line WHERE invoice_id = :id"
                    + " ORDER BY line_no")
            .bind("id", i.id())
            .map(
                (rs, ctx) ->
                    new InvoiceLine(
                        rs.getInt("line_no"),
                        rs.getString("phase"),
                        rs.getString("description"),
                        rs.getObject("period_from", LocalDate.class),
                        rs.getObject("period_to", LocalDate.class),
                        rs.getInt("seats"),
                        rs.getBigDecimal("unit_price"),
                        rs.getBigDecimal("amount"),
                        rs.getBoolean("recurring")))
            .list();
    return new Invoice(
        i.id(),
        i.number(),
        i.tenantId(),
        i.domain(),
        i.subscriptionId(),
        i.issuedOn(),
        i.dueOn(),
        i.currency(),
        i.total(),
        i.credited(),
        i.paid(),
        i.refunded(),
        i.outstanding(),
        i.status(),
        i.asOf(),
        lines);
  }

  private static String select(String tail) {
    return "SELECT i.id, i.invoice_no, i.tenant_id, t.sip_domain, i.subscription_id, i.issued_on,"
        + " i.due_on, i.currency, i.total,"
        + " (SELECT COALESCE(SUM(c.amount), 0) FROM billing_credit_note c"
        + "   WHERE c.invoice_id = i.id AND c.issued_on <= :asOf) AS credited,"
        + " (SELECT COALESCE(SUM(p.amount), 0) FROM billing_payment p"
        + "   WHERE p.invoice_id = i.id AND p.paid_on <= :asOf) AS paid,"
        + " (SELECT COALESCE(SUM(r.amount), 0) FROM billing_refund r"
        + "   WHERE r.invoice_id = i.id AND r.refunded_on <= :asOf) AS refunded"
        + " FROM billing_invoice i JOIN tenant t ON t.id = i.tenant_id"
        + tail;
  }

  private static Invoice map(ResultSet rs, LocalDate asOf) throws SQLException {
    BigDecimal total = rs.getBigDecimal("total");
    BigDecimal credited = Money.round(rs.getBigDecimal("credited"));
    BigDecimal paid = Money.round(rs.getBigDecimal("paid"));
    BigDecimal refunded = Money.round(rs.getBigDecimal("refunded"));
    BigDecimal net = paid.subtract(refunded);
    LocalDate due = rs.getObject("due_on", LocalDate.class);
    long sub = rs.getLong("subscription_id");
    Long subscriptionId = rs.wasNull() ? null : sub;
    return new Invoice(
        rs.getLong("id"),
        rs.getString("invoice_no"),
        rs.getLong("tenant_id"),
        rs.getString("sip_domain"),
        subscriptionId,
        rs.getObject("issued_on", LocalDate.class),
        due,
        rs.getString("currency"),
        total,
        credited,
        paid,
        refunded,
        total.subtract(credited).subtract(net).max(Money.ZERO),
        InvoiceStatus.of(total, credited, net, due, asOf),
        asOf,
        List.of());
  }

  /** A line to be issued; the invoice numbers the lines in order. */
  public record NewLine(
      String phase,
      String description,
      LocalDate periodFrom,
      LocalDate periodTo,
      int seats,
      BigDecimal unitPrice,
      BigDecimal amount,
      boolean recurring) {}

  /** Issues an invoice with the next number of its year; due {@code netDays} after issue. */
  static Invoice issue(
      Handle h,
      long tenantId,
      Long subscriptionId,
      LocalDate issuedOn,
      String currency,
      List<NewLine> lines,
      int netDays,
      Clock clock) {
    if (lines.isEmpty()) {
      throw new InvalidValueException("lines", "an invoice needs at least one line");
    }
    BigDecimal total = Money.ZERO;
    for (NewLine l : lines) {
      total = total.add(Money.round(l.amount()));
    }
    String number = DocumentNumbers.next(h, "INV", issuedOn.getYear());
    long id =
        h.createUpdate(
                "INSERT INTO billing_invoice (invoice_no, tenant_id, subscription_id, issued_on,"
                    + " due_on, currency, total, created_at) VALUES (:no, :t, :s, :issued, :due,"
                    + " :cur, :total, :now)")
            .bind("no", number)
            .bind("t", tenantId)
            .bind("s", subscriptionId)
            .bind("issued", issuedOn)
            .bind("due", issuedOn.plusDays(netDays))
            .bind("cur", currency)
            .bind("total", total)
            .bind("now", now(clock))
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
    var batch =
        h.prepareBatch(
            "INSERT INTO billing_invoice_line (invoice_id, line_no, phase, description,"
                + " period_from, period_to, seats, unit_price, amount, recurring) VALUES (:id,"
                + " :no, :phase, :d, :from, :to, :seats, :unit, :amount, :rec)");
    int no = 1;
    for (NewLine l : lines) {
      batch
          .bind("id", id)
          .bind("no", no++)
          .bind("phase", l.phase())
          .bind("d", l.description())
          .bind("from", l.periodFrom())
          .bind("to", l.periodTo())
          .bind("seats", l.seats())
          .bind("unit", Money.round(l.unitPrice()))
          .bind("amount", Money.round(l.amount()))
          .bind("rec", l.recurring())
          .add();
    }
    batch.execute();
    List<InvoiceLine> issued = new ArrayList<>();
    for (NewLine l : lines) {
      issued.add(
          new InvoiceLine(
              issued.size() + 1,
              l.phase(),
              l.description(),
              l.periodFrom(),
              l.periodTo(),
              l.seats(),
              Money.round(l.unitPrice()),
              Money.round(l.amount()),
              l.recurring()));
    }
    LocalDate due = issuedOn.plusDays(netDays);
    return new Invoice(
        id,
        number,
        tenantId,
        null,
        subscriptionId,
        issuedOn,
        due,
        currency,
        total,
        Money.ZERO,
        Money.ZERO,
        Money.ZERO,
        total,
        InvoiceStatus.of(total, Money.ZERO, Money.ZERO, due, issuedOn),
        issuedOn,
        List.copyOf(issued));
  }

  /** Records a payment; refuses more than is outstanding (field "amount"). */
  public Payment pay(
      String invoiceNumber, LocalDate paidOn, BigDecimal amount, String method, String reference) {
    return jdbi.inTransaction(
        h -> pay(h, get(h, invoiceNumber, END_OF_TIME).id(), paidOn, amount, method, reference));
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
    Invoice i = byId(h, invoiceId, END_OF_TIME);
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
        h -> creditNote(h, get(h, invoiceNumber, END_OF_TIME).id(), on, amount, reason));
  }

  static CreditNote creditNote(
      Handle h, long invoiceId, LocalDate on, BigDecimal amount, String reason) {
    BigDecimal a = Money.positive("amount", amount);
    if (on == null) {
      throw new InvalidValueException("issuedOn", "issuedOn is required");
    }
    String why = requireReason(reason);
    lock(h, invoiceId);
    Invoice i = byId(h, invoiceId, END_OF_TIME);
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
          Invoice i = get(h, invoiceNumber, END_OF_TIME);
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

  static OffsetDateTime now(Clock clock) {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
