package dev.switchboard.ops.churn;

import java.time.Instant;
import java.time.LocalDate;

/** A recorded churn event: which customer, on which term end, why. */
public record ChurnReason(
    long id,
    String domain,
    String company,
    LocalDate churnedOn,
    ChurnReasonCode reason,
    String note,
    Instant createdAt,
    Instant updatedAt) {}
