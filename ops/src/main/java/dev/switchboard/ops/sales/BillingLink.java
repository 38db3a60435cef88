package dev.switchboard.ops.sales;

import dev.switchboard.ops.billing.Catalogue;
import dev.switchboard.ops.billing.CreditNote;
import dev.switchboard.ops.billing.Subscription;
import dev.switchboard.ops.billing.Subscriptions;
import dev.switchboard.store.InvalidValueException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.Jdbi;

/** {@link BillingDesk} on billing's catalogue and subscriptions. */
public final class BillingLink implements BillingDesk {

  /** A won deal may be refunded within this many days of its subscription's start. */
  public static final int REFUND_WINDOW_DAYS = 30;

  private final Catalogue catalogue;
  private final Subscriptions subscriptions;

  public BillingLink(Jdbi jdbi, Clock clock) {
    this.catalogue = new Catalogue(jdbi, clock);
    this.subscriptions = new Subscriptions(jdbi, clock);
  }

  @Override
  public BigDecimal firstYearPrice(String plan, int seats, LocalDate on) {
    return catalogue.firstYearPrice(plan, seats, on);
  }

  @Override
  public void subscribe(long tenantId, String plan, int seats, LocalDate startsOn) {
    subscriptions.subscribe(tenantId, plan, seats, startsOn, true);
  }

  @Override
  public BigDecimal cancelWithRefund(long tenantId, LocalDate on, String reason) {
    Subscription s =
        subscriptions
            .find(tenantId)
            .orElseThrow(() -> new InvalidValueException("id", "the customer has no subscription"));
    if (ChronoUnit.DAYS.between(s.startsOn(), on) > REFUND_WINDOW_DAYS) {
      throw new InvalidValueException(
          "on",
          "a refund must fall within "
              + REFUND_WINDOW_DAYS
              + " days of the subscription's start ("
              + s.startsOn()
              + ")");
    }
    return subscriptions.cancel(s.domain(), true, on).credits().stream()
        .map(CreditNote::amount)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
