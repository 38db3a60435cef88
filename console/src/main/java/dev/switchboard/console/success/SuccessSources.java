package dev.switchboard.console.success;

import dev.switchboard.ops.success.CustomerFactsSource;
import dev.switchboard.ops.success.Journey;
import dev.switchboard.ops.success.PaymentPunctuality;
import dev.switchboard.ops.success.TermEndSource;
import java.util.List;

/**
 * Which other departments' data the success routes read. Until billing, sales and marketing are
 * merged these are the documented fallbacks (no payments, no spend, anniversary terms).
 */
final class SuccessSources {

  private SuccessSources() {}

  static CustomerFactsSource facts() {
    return CustomerFactsSource.NONE;
  }

  static PaymentPunctuality payments() {
    return PaymentPunctuality.NONE;
  }

  static TermEndSource termEnds() {
    return TermEndSource.ANNIVERSARIES;
  }

  static List<Journey.NamedSource> journey() {
    return List.of();
  }
}
