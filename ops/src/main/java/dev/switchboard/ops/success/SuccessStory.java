package dev.switchboard.ops.success;

import java.time.Instant;

/**
 * A customer's good practice written up (e.g. how a shop manages its stock calls with us).
 *
 * @param status "draft" or "published"; published stories are offered to similar customers
 * @param forMarketing offered to marketing as a case study
 */
public record SuccessStory(
    long id,
    String domain,
    String company,
    String title,
    String practice,
    String industry,
    String status,
    boolean forMarketing,
    Instant createdAt) {}
