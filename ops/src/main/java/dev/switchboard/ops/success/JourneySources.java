package dev.switchboard.ops.success;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Journey steps read from the other departments' tables. */
final class JourneySources {

  private JourneySources() {}

  /** Subscription changes and invoices (with when they were paid) from billing. */
  static final JourneySource BILLING =
      (h, tenant) -> {
        List<JourneyEvent> out = new ArrayList<>();
        h.createQuery(
                "SELECT effective_on, kind, seats, term_end FROM billing_subscription_event WHERE"
                    + " tenant_id = :t AND revoked_on IS NULL ORDER BY id")
            .bind("t", tenant)
            .map(
                (rs, ctx) -> {
                  String kind = rs.getString(2);
                  String title =
                      switch (kind) {
                        case "subscribe" -> "Subscribed, " + rs.getInt(3) + " seats";
                        case "renew" -> "Renewed until " + rs.getObject(4, LocalDate.class);
                        case "cancel" -> "Subscription ends (cancelled)";
                        case "reactivate" -> "Reactivated";
                        case "seats" -> "Seats changed to " + rs.getInt(3);
                        default -> "Subscription " + kind;
                      };
                  String stage =
                      kind.equals("cancel")
                          ? "churn"
                          : kind.equals("renew") ? "renewal" : "billing";
                  return new JourneyEvent(
                      Journey.day(rs.getObject(1, LocalDate.class)),
                      stage,
                      "subscription_" + kind,
                      title);
                })
            .forEach(out::add);
        h.createQuery(
                "SELECT i.issued_on, i.invoice_no, i.total, i.currency, (SELECT MAX(p.paid_on) FROM"
                    + " billing_payment p WHERE p.invoice_id = i.id) FROM billing_invoice i WHERE"
                    + " i.tenant_id = :t ORDER BY i.issued_on")
            .bind("t", tenant)
            .map(
                (rs, ctx) -> {
                  LocalDate paid = rs.getObject(5, LocalDate.class);
                  return new JourneyEvent(
                      Journey.day(rs.getObject(1, LocalDate.class)),
                      "billing",
                      "invoice",
                      "Invoice "
                          + rs.getString(2)
                          + " "
                          + rs.getBigDecimal(3)
                          + " "
                          + rs.getString(4)
                          + (paid == null ? " (unpaid)" : " (paid " + paid + ")"));
                })
            .forEach(out::add);
        return out;
      };
}
