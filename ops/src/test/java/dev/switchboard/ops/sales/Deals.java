package dev.switchboard.ops.sales;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Builds opportunities for the hand-computed fixtures. */
final class Deals {

  private Deals() {}

  static Opportunity deal(
      long id,
      String rep,
      String team,
      String channel,
      String opened,
      String closed,
      Stage stage,
      String amount,
      String refundedOn,
      String refundAmount,
      String domain) {
    return new Opportunity(
        id,
        null,
        "Company " + id,
        "retail",
        "华东",
        channel,
        null,
        "B",
        rep,
        rep,
        team,
        "starter",
        id % 2 == 0 ? 4 : 8,
        new BigDecimal(amount),
        stage,
        LocalDate.parse(opened),
        closed == null ? null : LocalDate.parse(closed),
        stage == Stage.LOST ? "price" : null,
        refundedOn == null ? null : LocalDate.parse(refundedOn),
        refundedOn == null ? null : "unhappy",
        refundAmount == null ? null : new BigDecimal(refundAmount),
        domain);
  }
}
