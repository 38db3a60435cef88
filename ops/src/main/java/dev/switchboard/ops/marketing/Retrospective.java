package dev.switchboard.ops.marketing;

import java.time.Instant;

/** A campaign's 复盘: what worked, what to change next time, and when it was written. */
public record Retrospective(String worked, String change, Instant writtenAt) {}
