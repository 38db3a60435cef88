package dev.switchboard.ops.success;

import java.time.LocalDate;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Where the health score reads "invoices paid on time": billing's data once it exists. Without it
 * the payment signal is absent and its weight goes to the other signals.
 */
@FunctionalInterface
public interface PaymentPunctuality {

  /** Share 0..1 of each tenant's invoices due by {@code asOf} that were paid by their due date. */
  Map<Long, Double> onTimeShare(Handle h, LocalDate asOf);

  /** No billing data: no tenant has the payment signal. */
  PaymentPunctuality NONE = (h, asOf) -> Map.of();
}
