package dev.switchboard.ops.metrics;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * 收益度 of one customer: everything it has paid (net of refunds) against what winning it cost.
 *
 * @param ratio lifetime revenue ÷ acquisition cost, one decimal half up; null without a cost
 */
public record CustomerYield(
    long customer,
    String name,
    String tier,
    String industry,
    String channel,
    LocalDate acquiredOn,
    boolean active,
    BigDecimal lifetimeRevenue,
    BigDecimal acquisitionCost,
    BigDecimal ratio) {}
