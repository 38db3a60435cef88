package dev.switchboard.console.success;

import dev.switchboard.ops.success.BillingData;
import dev.switchboard.ops.success.CustomerFactsSource;
import dev.switchboard.ops.success.Journey;
import dev.switchboard.ops.success.PaymentPunctuality;
import dev.switchboard.ops.success.SuccessSources.Departments;
import dev.switchboard.ops.success.TermEndSource;
import java.util.List;

/** Which other departments' data the success routes read: billing's tables, sales' referrals. */
final class SuccessSources {

  private static final BillingData BILLING = Departments.billing();

  private SuccessSources() {}

  static CustomerFactsSource facts() {
    return BILLING;
  }

  static PaymentPunctuality payments() {
    return BILLING;
  }

  static TermEndSource termEnds() {
    return BILLING;
  }

  static List<Journey.NamedSource> journey() {
    return Departments.journey();
  }
}
