package dev.switchboard.ops.billing;

import dev.switchboard.store.InvalidValueException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One price version of a plan. The first year costs {@code systemFee + accountFee × seats}; every
 * later year costs {@code serviceFee} (× seats when {@code servicePerSeat}). Of the first-year
 * charge, {@code recurringFlat + recurringPerSeat × seats} is recurring (counted in MRR) and the
 * rest is a one-time set-up fee; by default the recurring part equals the annual service fee.
 */
public record Plan(
    long id,
    String code,
    String name,
    String currency,
    LocalDate validFrom,
    BigDecimal systemFee,
    BigDecimal accountFee,
    BigDecimal serviceFee,
    boolean servicePerSeat,
    BigDecimal recurringFlat,
    BigDecimal recurringPerSeat) {

  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  public Plan {
    if (code == null || !CODE.matcher(code).matches()) {
      throw new InvalidValueException(
          "code", "plan code must be 1-32 lower-case letters, digits, '-' or '_'");
    }
    if (name == null || name.isBlank() || name.length() > 100) {
      throw new InvalidValueException("name", "name must be 1-100 characters");
    }
    currency = currency == null ? "CNY" : currency.trim().toUpperCase(Locale.ROOT);
    if (!CURRENCY.matcher(currency).matches()) {
      throw new InvalidValueException("currency", "currency must be an ISO 4217 code like CNY");
    }
    if (validFrom == null) {
      throw new InvalidValueException("validFrom", "validFrom is required");
    }
    systemFee = Money.amount("systemFee", systemFee);
    accountFee = Money.amount("accountFee", accountFee);
    serviceFee = Money.amount("serviceFee", serviceFee);
    if (recurringFlat == null && recurringPerSeat == null) {
      recurringFlat = servicePerSeat ? Money.ZERO : serviceFee;
      recurringPerSeat = servicePerSeat ? serviceFee : Money.ZERO;
    }
    recurringFlat =
        Money.amount("recurringFlat", recurringFlat == null ? Money.ZERO : recurringFlat);
    recurringPerSeat =
        Money.amount("recurringPerSeat", recurringPerSeat == null ? Money.ZERO : recurringPerSeat);
    if (recurringFlat.compareTo(systemFee) > 0) {
      throw new InvalidValueException(
          "recurringFlat", "the recurring flat part cannot exceed the system fee");
    }
    if (recurringPerSeat.compareTo(accountFee) > 0) {
      throw new InvalidValueException(
          "recurringPerSeat", "the recurring per-seat part cannot exceed the account fee");
    }
  }

  /** The prices of this version, as copied into a subscription. */
  public Prices prices() {
    return new Prices(
        currency,
        systemFee,
        accountFee,
        serviceFee,
        servicePerSeat,
        recurringFlat,
        recurringPerSeat);
  }

  /** The first-year charge for {@code seats}. */
  public BigDecimal firstYearPrice(int seats) {
    return prices().firstYear(seats);
  }
}
