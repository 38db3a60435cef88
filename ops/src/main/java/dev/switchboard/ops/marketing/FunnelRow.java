package dev.switchboard.ops.marketing;

import java.math.BigDecimal;

/**
 * The funnel of one channel or campaign (or everything, key "total") for the leads created in a
 * date range: how many reached each stage, the conversion from each stage to the next (scale 4,
 * null when the earlier stage is empty), the acquisition cost in the range and the cost per lead,
 * valid lead and won customer (CAC; scale 2, null when nothing to divide by), and the median days
 * between stages (null when no lead made that step).
 */
public record FunnelRow(
    String key,
    long leads,
    long valid,
    long trial,
    long opportunity,
    long won,
    BigDecimal validRate,
    BigDecimal trialRate,
    BigDecimal opportunityRate,
    BigDecimal winRate,
    BigDecimal leadToWonRate,
    BigDecimal cost,
    BigDecimal costPerLead,
    BigDecimal costPerValid,
    BigDecimal costPerWon,
    Double medianDaysToValid,
    Double medianDaysToTrial,
    Double medianDaysToOpportunity,
    Double medianDaysToWon) {}
