package dev.switchboard.ops.sales;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A deal with one prospective customer, as the pipeline shows it: what the lead was when it opened,
 * the owner rep, plan, seats and first-year amount, its stage and how it ended.
 *
 * @param leadId marketing's lead, or null for a deal entered by hand
 * @param amount the first-year amount (opening fee) from the price book, CNY, scale 2
 * @param closedOn the day it was won or lost; null while open
 * @param domain the SIP domain of the customer's tenant once won
 */
public record Opportunity(
    long id,
    Long leadId,
    String company,
    String industry,
    String region,
    String channel,
    String campaign,
    String intent,
    String repEmail,
    String repName,
    String team,
    String plan,
    int seats,
    BigDecimal amount,
    Stage stage,
    LocalDate openedOn,
    LocalDate closedOn,
    String lostReason,
    LocalDate refundedOn,
    String refundReason,
    BigDecimal refundAmount,
    String domain) {

  /** Won at some point: refunded deals were won first. */
  public boolean won() {
    return stage == Stage.WON || stage == Stage.REFUNDED;
  }

  public boolean lost() {
    return stage == Stage.LOST;
  }

  public boolean refunded() {
    return stage == Stage.REFUNDED;
  }

  /** Days from opening to closing, or -1 while open. */
  public long cycleDays() {
    return closedOn == null ? -1 : ChronoUnit.DAYS.between(openedOn, closedOn);
  }

  public String sizeBand() {
    return SizeBand.of(seats);
  }
}
