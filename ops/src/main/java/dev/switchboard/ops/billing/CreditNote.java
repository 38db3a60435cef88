package dev.switchboard.ops.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A numbered correction that reduces what an issued invoice asks for. */
public record CreditNote(
    long id,
    String number,
    String invoiceNumber,
    LocalDate issuedOn,
    BigDecimal amount,
    String reason) {}
