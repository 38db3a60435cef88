package dev.switchboard.ops.metrics;

import java.math.BigDecimal;

/**
 * 收益度 of a group of customers (a tier, an industry, a channel): the ratio of sums over the members
 * with a positive acquisition cost, so big customers weigh more than small ones.
 *
 * @param customers every member
 * @param costedCustomers members with a positive acquisition cost (the ratio's base)
 * @param lifetimeRevenue what every member paid
 * @param costedRevenue what the costed members paid
 * @param ratio costedRevenue ÷ acquisitionCost, one decimal half up; null without costs
 */
public record GroupYield(
    String group,
    int customers,
    int costedCustomers,
    BigDecimal lifetimeRevenue,
    BigDecimal costedRevenue,
    BigDecimal acquisitionCost,
    BigDecimal ratio) {}
