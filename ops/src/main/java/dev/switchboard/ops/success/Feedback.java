package dev.switchboard.ops.success;

import java.time.Instant;

/**
 * One piece of feedback to product.
 *
 * @param source "case", "survey", "sales" or "manual"
 * @param classifiedBy "rule" or "user"
 * @param duplicateOf the first report of the same thing, or null for a first report
 * @param status "new", "triaged", "planned", "done" or "declined"
 * @param valuable marked by staff as a good suggestion (counts towards tiers)
 */
public record Feedback(
    long id,
    String domain,
    String source,
    String sourceRef,
    FeedbackKind kind,
    String classifiedBy,
    String content,
    Long duplicateOf,
    String status,
    boolean valuable,
    Instant createdAt) {}
