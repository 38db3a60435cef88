package dev.switchboard.ops.metrics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * What a customer is worth and what winning one costs, over a window of whole months. Null figures
 * are undefined (a zero divisor), never zero.
 *
 * @param date the day ARPA and the closing figures are for
 * @param grossMarginPercent the margin assumed for the predictive LTV and payback
 * @param revenueChurnPercent average monthly gross revenue churn in the window
 * @param lifetimeRevenuePerCustomer mean cash collected per customer ever paying, to {@code date}
 * @param realisedLtv mean cash collected per customer no longer paying on {@code date}
 * @param predictiveLtv ARPA × margin ÷ monthly revenue churn rate
 * @param acquiredCustomers customers acquired in the window with a known acquisition cost
 * @param cac their acquisition cost ÷ their number
 * @param cacPaybackMonths CAC ÷ (their mean starting MRR × margin)
 */
public record UnitEconomics(
    YearMonth from,
    YearMonth to,
    LocalDate date,
    BigDecimal grossMarginPercent,
    int customers,
    BigDecimal arpa,
    BigDecimal revenueChurnPercent,
    BigDecimal lifetimeRevenuePerCustomer,
    int churnedCustomers,
    BigDecimal realisedLtv,
    BigDecimal predictiveLtv,
    int acquiredCustomers,
    BigDecimal acquisitionSpend,
    BigDecimal cac,
    BigDecimal ltvToCac,
    BigDecimal cacPaybackMonths) {}
