package dev.switchboard.ops.success;

import java.time.LocalDate;

/**
 * The end of a customer's subscription term.
 *
 * @param renewed true if a new term followed, false if the customer left then, null while open
 */
public record TermEnd(long tenantId, LocalDate endsOn, Boolean renewed) {}
