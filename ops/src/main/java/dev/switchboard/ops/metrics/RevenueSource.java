package dev.switchboard.ops.metrics;

import java.time.LocalDate;

/** Where revenue facts come from (the billing tables, a test fixture). */
@FunctionalInterface
public interface RevenueSource {

  /** The facts known on {@code asOf}; later facts may be included, the engine drops them. */
  RevenueFacts load(LocalDate asOf);
}
