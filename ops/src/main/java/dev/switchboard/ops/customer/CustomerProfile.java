package dev.switchboard.ops.customer;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What the business knows of a customer tenant beyond the telephony: where it came from, what
 * winning it cost, who owns it and its service tier. Written when a deal is won (sales) or a
 * customer imported (billing); read by metrics, success and churn.
 */
public record CustomerProfile(
    long tenantId,
    String company,
    String region,
    String sizeBand,
    String acquisitionChannel,
    String acquisitionCampaign,
    BigDecimal acquisitionCost,
    LocalDate acquiredOn,
    String ownerEmail,
    String tier) {}
