package dev.switchboard.console.sales;

import dev.switchboard.ops.sales.BillingDesk;
import dev.switchboard.ops.sales.BillingLink;
import dev.switchboard.ops.sales.LeadBook;
import dev.switchboard.ops.sales.MarketingLeadBook;
import dev.switchboard.store.Database;
import java.time.Clock;

/** The real marketing and billing behind the sales routes. */
final class SalesLinks {

  private SalesLinks() {}

  static LeadBook leads(Database db, Clock clock) {
    return new MarketingLeadBook(db.jdbi(), clock);
  }

  static BillingDesk billing(Database db, Clock clock) {
    return new BillingLink(db.jdbi(), clock);
  }
}
