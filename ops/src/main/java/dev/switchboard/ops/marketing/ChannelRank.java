package dev.switchboard.ops.marketing;

import java.math.BigDecimal;

/**
 * One channel in the Pareto ranking: its won customers, their share and the cumulative share down
 * the ranking (scale 4), what the channel cost and cost per won customer, the lifetime revenue of
 * the customers it brought (null when billing has no receipts to read) and 收益度 = revenue ÷ cost
 * (scale 1; null without revenue or without cost), and the advice.
 */
public record ChannelRank(
    int position,
    String channel,
    ChannelKind kind,
    long leads,
    long won,
    BigDecimal wonShare,
    BigDecimal cumulativeShare,
    BigDecimal cost,
    BigDecimal costPerWon,
    BigDecimal lifetimeRevenue,
    BigDecimal yield,
    ChannelAdvice advice) {}
