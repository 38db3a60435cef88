package dev.switchboard.store.account;

import dev.switchboard.store.InvalidValueException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * An extension of a tenant, without its credentials (those live only in {@link SipCredential}).
 *
 * @param user the user part of the address of record, e.g. {@code 1001}
 * @param displayName a name for people, may be null
 */
public record Account(
    String user, String displayName, boolean enabled, AccountOptions options, Instant createdAt) {

  public Account {
    user = UserPart.validate(user);
    displayName = displayName(displayName);
    Objects.requireNonNull(options, "options");
    createdAt = createdAt == null ? null : createdAt.truncatedTo(ChronoUnit.MICROS);
  }

  /** A new, enabled extension with default options, created now. */
  public static Account create(String user, String displayName) {
    return new Account(user, displayName, true, AccountOptions.DEFAULTS, Instant.now());
  }

  public Account withDisplayName(String name) {
    return new Account(user, name, enabled, options, createdAt);
  }

  public Account withEnabled(boolean on) {
    return new Account(user, displayName, on, options, createdAt);
  }

  public Account withOptions(AccountOptions newOptions) {
    return new Account(user, displayName, enabled, newOptions, createdAt);
  }

  private static String displayName(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String n = name.trim();
    if (n.length() > 200) {
      throw new InvalidValueException("displayName", "displayName must be at most 200 characters");
    }
    if (n.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidValueException(
          "displayName", "displayName must not contain control characters");
    }
    return n;
  }
}
