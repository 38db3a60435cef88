package dev.switchboard.ops.churn;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * An active customer's churn risk at its next term end, the monthly revenue at stake and their
 * product (the early-warning list's order), with the reasons that raise the risk most.
 */
public record CustomerRisk(
    long tenantId,
    String domain,
    String company,
    double risk,
    BigDecimal monthlyRevenue,
    BigDecimal expectedLoss,
    LocalDate nextTermEnd,
    List<Reason> reasons) {}
