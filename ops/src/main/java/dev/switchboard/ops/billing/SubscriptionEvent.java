package dev.switchboard.ops.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One dated change of a subscription and the state after it. {@code kind} is subscribe, seats,
 * renew, cancel, uncancel or reactivate; a cancel's {@code annualRecurring} is zero. A scheduled
 * cancellation withdrawn later carries {@code revokedOn}.
 */
public record SubscriptionEvent(
    long id,
    long subscriptionId,
    long tenantId,
    String kind,
    LocalDate effectiveOn,
    LocalDate recordedOn,
    LocalDate revokedOn,
    int seats,
    Phase phase,
    LocalDate termStart,
    LocalDate termEnd,
    BigDecimal annualRecurring) {}
