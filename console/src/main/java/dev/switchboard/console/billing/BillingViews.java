package dev.switchboard.console.billing;

import dev.switchboard.ops.billing.Balance;
import dev.switchboard.ops.billing.CreditNote;
import dev.switchboard.ops.billing.CustomerAccount;
import dev.switchboard.ops.billing.Invoice;
import dev.switchboard.ops.billing.InvoiceLine;
import dev.switchboard.ops.billing.Payment;
import dev.switchboard.ops.billing.Plan;
import dev.switchboard.ops.billing.Refund;
import dev.switchboard.ops.billing.Subscription;
import dev.switchboard.ops.billing.SubscriptionEvent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The JSON shapes of the billing API; amounts are decimal strings with two places ("8000.00"). */
final class BillingViews {

  private BillingViews() {}

  static String m(BigDecimal v) {
    return v == null ? null : v.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
  }

  record PlanView(
      String code,
      String name,
      String currency,
      LocalDate validFrom,
      String systemFee,
      String accountFee,
      String serviceFee,
      boolean servicePerSeat,
      String recurringFlat,
      String recurringPerSeat) {
    static PlanView of(Plan p) {
      return new PlanView(
          p.code(),
          p.name(),
          p.currency(),
          p.validFrom(),
          m(p.systemFee()),
          m(p.accountFee()),
          m(p.serviceFee()),
          p.servicePerSeat(),
          m(p.recurringFlat()),
          m(p.recurringPerSeat()));
    }
  }

  record QuoteView(String planCode, int seats, LocalDate on, String firstYear, String annual) {}

  record EventView(
      String kind,
      LocalDate effectiveOn,
      LocalDate recordedOn,
      LocalDate revokedOn,
      int seats,
      String phase,
      LocalDate termStart,
      LocalDate termEnd,
      String annualRecurring) {
    static EventView of(SubscriptionEvent e) {
      return new EventView(
          e.kind(),
          e.effectiveOn(),
          e.recordedOn(),
          e.revokedOn(),
          e.seats(),
          e.phase().wireName(),
          e.termStart(),
          e.termEnd(),
          m(e.annualRecurring()));
    }
  }

  record SubscriptionView(
      String domain,
      String planCode,
      String currency,
      LocalDate startsOn,
      int seats,
      String phase,
      LocalDate termStart,
      LocalDate termEnd,
      boolean autoRenew,
      String status,
      LocalDate endsOn,
      String mrr,
      String nextAnnualFee,
      PricesView prices) {
    static SubscriptionView of(Subscription s) {
      return new SubscriptionView(
          s.domain(),
          s.planCode(),
          s.prices().currency(),
          s.startsOn(),
          s.seats(),
          s.phase().wireName(),
          s.termStart(),
          s.termEnd(),
          s.autoRenew(),
          s.status().wireName(),
          s.endsOn(),
          m(s.mrr()),
          m(s.prices().annual(s.seats())),
          new PricesView(
              m(s.prices().systemFee()),
              m(s.prices().accountFee()),
              m(s.prices().serviceFee()),
              s.prices().servicePerSeat(),
              m(s.prices().recurringFlat()),
              m(s.prices().recurringPerSeat())));
    }
  }

  record PricesView(
      String systemFee,
      String accountFee,
      String serviceFee,
      boolean servicePerSeat,
      String recurringFlat,
      String recurringPerSeat) {}

  record BalanceView(
      LocalDate asOf,
      String invoiced,
      String credited,
      String paid,
      String refunded,
      String outstanding,
      String overdue) {
    static BalanceView of(Balance b) {
      return new BalanceView(
          b.asOf(),
          m(b.invoiced()),
          m(b.credited()),
          m(b.paid()),
          m(b.refunded()),
          m(b.outstanding()),
          m(b.overdue()));
    }
  }

  record AccountView(
      SubscriptionView subscription,
      BalanceView balance,
      List<EventView> history,
      List<InvoiceView> invoices) {}

  record ChangeView(
      SubscriptionView subscription, InvoiceView invoice, List<CreditNoteView> creditNotes) {}

  record LineView(
      int lineNo,
      String phase,
      String description,
      LocalDate periodFrom,
      LocalDate periodTo,
      int seats,
      String unitPrice,
      String amount,
      boolean recurring) {
    static LineView of(InvoiceLine l) {
      return new LineView(
          l.lineNo(),
          l.phase(),
          l.description(),
          l.periodFrom(),
          l.periodTo(),
          l.seats(),
          m(l.unitPrice()),
          m(l.amount()),
          l.recurring());
    }
  }

  record InvoiceView(
      String number,
      String domain,
      LocalDate issuedOn,
      LocalDate dueOn,
      String currency,
      String total,
      String credited,
      String paid,
      String refunded,
      String outstanding,
      String status,
      LocalDate asOf,
      List<LineView> lines) {
    static InvoiceView of(Invoice i) {
      return new InvoiceView(
          i.number(),
          i.domain(),
          i.issuedOn(),
          i.dueOn(),
          i.currency(),
          m(i.total()),
          m(i.credited()),
          m(i.paid()),
          m(i.refunded()),
          m(i.outstanding()),
          i.status().wireName(),
          i.asOf(),
          i.lines().stream().map(LineView::of).toList());
    }
  }

  record InvoiceDetailView(
      InvoiceView invoice,
      List<PaymentView> payments,
      List<RefundView> refunds,
      List<CreditNoteView> creditNotes) {}

  record InvoicePageView(List<InvoiceView> items, int total, int offset, int limit) {}

  record PaymentView(
      long id,
      String invoiceNumber,
      LocalDate paidOn,
      String amount,
      String refunded,
      String method,
      String reference) {
    static PaymentView of(Payment p) {
      return new PaymentView(
          p.id(),
          p.invoiceNumber(),
          p.paidOn(),
          m(p.amount()),
          m(p.refunded()),
          p.method(),
          p.reference());
    }
  }

  record RefundView(
      long id,
      long paymentId,
      String invoiceNumber,
      LocalDate refundedOn,
      String amount,
      String reason) {
    static RefundView of(Refund r) {
      return new RefundView(
          r.id(), r.paymentId(), r.invoiceNumber(), r.refundedOn(), m(r.amount()), r.reason());
    }
  }

  record CreditNoteView(
      String number, String invoiceNumber, LocalDate issuedOn, String amount, String reason) {
    static CreditNoteView of(CreditNote c) {
      return new CreditNoteView(
          c.number(), c.invoiceNumber(), c.issuedOn(), m(c.amount()), c.reason());
    }
  }

  record CustomerView(
      String domain,
      String company,
      String planCode,
      int seats,
      String phase,
      String status,
      LocalDate termEnd,
      String mrr,
      String currency,
      String outstanding,
      String overdue) {
    static CustomerView of(CustomerAccount a) {
      return new CustomerView(
          a.domain(),
          a.company(),
          a.planCode(),
          a.seats(),
          a.phase().wireName(),
          a.status().wireName(),
          a.termEnd(),
          m(a.mrr()),
          a.currency(),
          m(a.outstanding()),
          m(a.overdue()));
    }
  }

  record RenewalView(
      String domain,
      String planCode,
      int seats,
      LocalDate termEnd,
      String status,
      boolean autoRenew,
      String annualFee,
      String currency) {
    static RenewalView of(Subscription s) {
      return new RenewalView(
          s.domain(),
          s.planCode(),
          s.seats(),
          s.termEnd(),
          s.status().wireName(),
          s.autoRenew(),
          m(s.prices().annual(s.seats())),
          s.prices().currency());
    }
  }

  record RenewalMonthView(String month, int count, String annualFees, List<RenewalView> items) {}
}
