package dev.switchboard.ops.success;

import java.time.Instant;

/** One entry of a case's status history; {@code from} is null for the opening. */
public record CaseEvent(String from, String to, String note, String actor, Instant at) {}
