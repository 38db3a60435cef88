package dev.switchboard.ops.metrics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Churn and retention over a window of whole months: the customers paying at the window's start and
 * what is left of them and their MRR at its end (GRR, NRR), the average monthly churn rates inside
 * the window, and the renewal rate of the terms that ended in it.
 *
 * @param openingDate the last day before the window (the start figures are for it)
 * @param date the day the closing figures are for
 */
public record Retention(
    YearMonth from,
    YearMonth to,
    LocalDate openingDate,
    LocalDate date,
    int openingCustomers,
    BigDecimal openingMrr,
    int retainedCustomers,
    BigDecimal retainedMrr,
    BigDecimal grrPercent,
    BigDecimal nrrPercent,
    int churnedCustomers,
    BigDecimal logoChurnPercent,
    BigDecimal revenueChurnPercent,
    BigDecimal netRevenueChurnPercent,
    int termsEnded,
    int termsRenewed,
    BigDecimal renewalPercent) {}
