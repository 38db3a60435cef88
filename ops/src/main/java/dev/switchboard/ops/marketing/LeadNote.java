package dev.switchboard.ops.marketing;

import java.time.Instant;

/** A free-text note on a lead. */
public record LeadNote(long id, long leadId, String body, String author, Instant createdAt) {}
