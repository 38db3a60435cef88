package dev.switchboard.ops.success;

import java.time.Instant;

/**
 * One step of a customer's journey (用户路径).
 *
 * @param stage acquisition, deal, billing, usage, health, service, feedback, tier, renewal or churn
 */
public record JourneyEvent(Instant at, String stage, String kind, String title) {}
