package dev.switchboard.ops.billing;

import dev.switchboard.store.InvalidValueException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;

/** Where an invoice stands on a given day, derived from its payments, refunds and credit notes. */
public enum InvoiceStatus {
  ISSUED,
  PARTIALLY_PAID,
  PAID,
  OVERDUE,
  VOID;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static InvoiceStatus parse(String text) {
    for (InvoiceStatus s : values()) {
      if (s.wireName().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return s;
      }
    }
    throw new InvalidValueException(
        "status", "status must be issued, partially_paid, paid, overdue or void");
  }

  /**
   * The status on {@code asOf}: void when fully credited, paid when nothing is outstanding, overdue
   * when something is outstanding after the due day, else partially paid or issued.
   */
  public static InvoiceStatus of(
      BigDecimal total, BigDecimal credited, BigDecimal netPaid, LocalDate dueOn, LocalDate asOf) {
    BigDecimal owed = total.subtract(credited);
    if (owed.signum() == 0 && total.signum() > 0) {
      return VOID;
    }
    if (owed.subtract(netPaid).signum() <= 0) {
      return PAID;
    }
    if (dueOn.isBefore(asOf)) {
      return OVERDUE;
    }
    return netPaid.signum() > 0 ? PARTIALLY_PAID : ISSUED;
  }
}
