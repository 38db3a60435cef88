package dev.switchboard.ops.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * An issued invoice with what happened to it up to {@code asOf}: credited by credit notes, paid,
 * refunded, and the outstanding rest ({@code total − credited − (paid − refunded)}, never
 * negative). {@code lines} is empty in lists.
 */
public record Invoice(
    long id,
    String number,
    long tenantId,
    String domain,
    Long subscriptionId,
    LocalDate issuedOn,
    LocalDate dueOn,
    String currency,
    BigDecimal total,
    BigDecimal credited,
    BigDecimal paid,
    BigDecimal refunded,
    BigDecimal outstanding,
    InvoiceStatus status,
    LocalDate asOf,
    List<InvoiceLine> lines) {}
