package dev.switchboard.ops.success;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A piece of work for a customer's owner.
 *
 * @param kind "health" (turned red), "renewal" (a term ends soon) or "referral" (ask for one)
 * @param status "open", "done", or "expired" (a reminder nobody acted on by its due day)
 */
public record SuccessTask(
    long id,
    long tenantId,
    String domain,
    String kind,
    String title,
    String ownerEmail,
    LocalDate dueOn,
    String status,
    String sourceRef,
    Instant createdAt) {}
