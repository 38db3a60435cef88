package dev.switchboard.store.staff;

import dev.switchboard.store.InvalidValueException;

/** The rules a new staff password must meet before it is hashed. */
final class PasswordPolicy {

  static final int MIN_LENGTH = 10;

  /** bcrypt reads only the first 72 bytes; refusing longer ones avoids a silent truncation. */
  static final int MAX_BYTES = 72;

  private PasswordPolicy() {}

  static void check(String password) {
    if (password == null || password.length() < MIN_LENGTH) {
      throw new InvalidValueException(
          "password", "password must be at least " + MIN_LENGTH + " characters");
    }
    if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new InvalidValueException("password", "password must be at most 72 bytes");
    }
  }
}
