package dev.switchboard.ops.success;

import java.time.Instant;

/** A move of a customer between tiers and the rule that moved it. */
public record TierChange(String domain, String from, String to, String rule, Instant at) {}
