package dev.switchboard.ops.sales;

import java.math.BigDecimal;

/**
 * One rep's or one team's figures for a period (see docs/sales.md for each definition).
 *
 * @param key the rep's email or the team's name
 * @param heads 1 for a rep; the team's active reps for a team
 * @param opened deals opened in the period
 * @param won deals won in the period (later refunds included: they are counted under refunds)
 * @param lost deals lost in the period
 * @param wonAmount the first-year amounts of the deals won
 * @param dealsPerHead won ÷ heads
 * @param averageOrderValue 客单价: wonAmount ÷ won, null without wins
 * @param medianCycleDays median days from opening to winning of the deals won, null without wins
 * @param conversionRate won ÷ (won + lost), null when none closed
 * @param refunds deals refunded in the period
 * @param refundAmount what those refunds paid back
 */
public record RepScore(
    String key,
    String name,
    String team,
    int heads,
    int opened,
    int won,
    int lost,
    BigDecimal wonAmount,
    BigDecimal dealsPerHead,
    BigDecimal averageOrderValue,
    BigDecimal medianCycleDays,
    BigDecimal conversionRate,
    int refunds,
    BigDecimal refundAmount) {}
