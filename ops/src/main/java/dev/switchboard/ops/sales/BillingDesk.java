package dev.switchboard.ops.sales;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Billing's price book and subscriptions as sales needs them; {@link BillingLink} is real. */
public interface BillingDesk {

  /** The first-year amount (opening fee) of {@code plan} with {@code seats} on {@code on}. */
  BigDecimal firstYearPrice(String plan, int seats, LocalDate on);

  /** Starts the tenant's subscription (and its first invoice) on {@code startsOn}. */
  void subscribe(long tenantId, String plan, int seats, LocalDate startsOn);

  /**
   * Cancels the tenant's subscription with a refund when {@code on} is inside the refund window;
   * returns what was refunded, or throws InvalidValueException("refundedOn") outside the window.
   */
  BigDecimal cancelWithRefund(long tenantId, LocalDate on, String reason);
}
