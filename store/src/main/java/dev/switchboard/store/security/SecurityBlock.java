package dev.switchboard.store.security;

import java.time.Instant;

/**
 * A sender the SIP edge refuses for now: a whole address ({@code subject} null) or one address for
 * one account.
 *
 * @param strikes how many times this key was blocked recently; each repeat doubles the time
 */
public record SecurityBlock(
    String id,
    String kind,
    String source,
    String subject,
    String reason,
    Instant since,
    Instant until,
    int strikes) {}
