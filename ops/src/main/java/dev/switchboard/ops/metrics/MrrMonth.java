package dev.switchboard.ops.metrics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * One month of MRR: its level at the month's end (or on the as-of day in the current month) and the
 * movements from the previous month's end. {@code newMrr + expansionMrr + reactivationMrr +
 * contractionMrr + churnMrr == netNewMrr == mrr - openingMrr} exactly; contraction and churn are
 * negative. Percentages are of the month's opening figures and null when those are zero.
 *
 * @param date the day the closing figures are for
 */
public record MrrMonth(
    YearMonth month,
    LocalDate date,
    BigDecimal mrr,
    BigDecimal arr,
    int customers,
    BigDecimal arpa,
    BigDecimal openingMrr,
    int openingCustomers,
    BigDecimal newMrr,
    BigDecimal expansionMrr,
    BigDecimal contractionMrr,
    BigDecimal churnMrr,
    BigDecimal reactivationMrr,
    BigDecimal netNewMrr,
    int newCustomers,
    int reactivatedCustomers,
    int churnedCustomers,
    BigDecimal logoChurnPercent,
    BigDecimal revenueChurnPercent,
    BigDecimal netRevenueChurnPercent) {}
