package dev.switchboard.ops.success;

import java.time.Instant;

/**
 * A service case of a customer (tenant) and one of its contacts, with its SLA clock.
 *
 * @param breached true once the first response or the resolution came (or is still missing) after
 *     its due time
 */
public record ServiceCase(
    long id,
    String domain,
    CaseKind kind,
    String subject,
    String body,
    String contactName,
    String contactEmail,
    CasePriority priority,
    String ownerEmail,
    CaseStatus status,
    Instant openedAt,
    Instant responseDue,
    Instant resolveDue,
    Instant respondedAt,
    Instant resolvedAt,
    boolean breached) {}
