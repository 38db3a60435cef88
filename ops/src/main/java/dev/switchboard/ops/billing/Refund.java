package dev.switchboard.ops.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Money paid back against one payment. */
public record Refund(
    long id,
    long paymentId,
    String invoiceNumber,
    LocalDate refundedOn,
    BigDecimal amount,
    String reason) {}
