package dev.switchboard.ops.success;

import java.time.Instant;

/**
 * A help-center article: an FAQ entry tenant admins read, or a standard answer staff reuse.
 *
 * @param kind "faq" or "answer"
 */
public record HelpArticle(
    long id,
    String category,
    String kind,
    String title,
    String body,
    boolean published,
    int useCount,
    Instant updatedAt) {}
