package dev.switchboard.ops.marketing;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One entry of a lead's history: {@code kind} is the status entered ({@code valid}, {@code won}…)
 * or {@code created}, {@code merged}, {@code updated}; {@code occurredOn} is the business day it
 * happened, {@code recordedAt} when it was written.
 */
public record LeadEvent(
    long id,
    long leadId,
    String kind,
    LocalDate occurredOn,
    Instant recordedAt,
    String actor,
    String note) {}
