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
 * Issues invoices and reads them as they stand on a day; what happens to them afterwards (payments,
 * credit notes, refunds) is {@link Payments}'.
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

  /** Records a payment; see {@link Payments#pay}. */
  public Payment pay(
      String invoiceNumber, LocalDate paidOn, BigDecimal amount, String method, String reference) {
    return new Payments(jdbi).pay(invoiceNumber, paidOn, amount, method, reference);
  }

  /** Issues a credit note; see {@link Payments#creditNote}. */
  public CreditNote creditNote(
      String invoiceNumber, LocalDate on, BigDecimal amount, String reason) {
    return new Payments(jdbi).creditNote(invoiceNumber, on, amount, reason);
  }

  /** Pays back (part of) one payment; see {@link Payments#refund}. */
  public Refund refund(long paymentId, LocalDate on, BigDecimal amount, String reason) {
    return new Payments(jdbi).refund(paymentId, on, amount, reason);
  }

  /** Payments, refunds and credit notes of one invoice; see {@link Payments#activity}. */
  public Payments.Activity activity(String invoiceNumber) {
    return new Payments(jdbi).activity(invoiceNumber);
  }

  static OffsetDateTime now(Clock clock) {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
