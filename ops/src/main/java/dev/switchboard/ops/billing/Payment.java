package dev.switchboard.ops.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Money received against one invoice; {@code refunded} is how much of it was paid back. */
public record Payment(
    long id,
    long invoiceId,
    String invoiceNumber,
    LocalDate paidOn,
    BigDecimal amount,
    BigDecimal refunded,
    String method,
    String reference) {}
