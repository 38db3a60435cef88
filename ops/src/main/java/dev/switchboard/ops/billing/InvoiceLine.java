package dev.switchboard.ops.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One line of an invoice: what it charges for ({@code phase}: first_year, annual or proration), the
 * period it covers (both days included), seats, unit price and amount; {@code recurring} marks the
 * part counted in MRR.
 */
public record InvoiceLine(
    int lineNo,
    String phase,
    String description,
    LocalDate periodFrom,
    LocalDate periodTo,
    int seats,
    BigDecimal unitPrice,
    BigDecimal amount,
    boolean recurring) {}
