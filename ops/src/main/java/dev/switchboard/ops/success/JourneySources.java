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

  /** The lead that became this customer and its funnel dates (marketing, V6). */
  static final JourneySource MARKETING =
      (h, tenant) -> {
        List<JourneyEvent> out = new ArrayList<>();
        h.createQuery(
                "SELECT created_on, channel_code, campaign_code, valid_on, trial_on, opportunity_on"
                    + " FROM lead WHERE tenant_id = :t AND merged_into IS NULL ORDER BY id")
            .bind("t", tenant)
            .map(
                (rs, ctx) -> {
                  String campaign = rs.getString(3) == null ? "" : " (" + rs.getString(3) + ")";
                  out.add(
                      new JourneyEvent(
                          Journey.day(rs.getObject(1, LocalDate.class)),
                          "marketing",
                          "lead",
                          "Lead from " + rs.getString(2) + campaign));
                  String[] steps = {"valid", "trial", "opportunity"};
                  for (int i = 0; i < steps.length; i++) {
                    LocalDate d = rs.getObject(4 + i, LocalDate.class);
                    if (d != null) {
                      out.add(
                          new JourneyEvent(
                              Journey.day(d), "marketing", "lead_" + steps[i], "Lead " + steps[i]));
                    }
                  }
                  return 0;
                })
            .forEach(x -> {});
        return out;
      };

  /** The deal (sales, V7): opened, won or lost, with rep and first-year amount. */
  static final JourneySource SALES =
      (h, tenant) -> {
        List<JourneyEvent> out = new ArrayList<>();
        h.createQuery(
                "SELECT o.opened_on, o.closed_on, o.stage, o.amount, o.plan_code, o.seats, r.email"
                    + " FROM opportunity o LEFT JOIN sales_rep r ON r.id = o.rep_id WHERE"
                    + " o.tenant_id = :t ORDER BY o.id")
            .bind("t", tenant)
            .map(
                (rs, ctx) -> {
                  out.add(
                      new JourneyEvent(
                          Journey.day(rs.getObject(1, LocalDate.class)),
                          "deal",
                          "opportunity",
                          "Deal opened: "
                              + rs.getString(5)
                              + ", "
                              + rs.getInt(6)
                              + " seats, "
                              + rs.getBigDecimal(4)
                              + " ("
                              + rs.getString(7)
                              + ")"));
                  LocalDate closed = rs.getObject(2, LocalDate.class);
                  if (closed != null) {
                    out.add(
                        new JourneyEvent(
                            Journey.day(closed),
                            "deal",
                            "deal_" + rs.getString(3),
                            "Deal " + rs.getString(3)));
                  }
                  return 0;
                })
            .forEach(x -> {});
        return out;
      };
}
