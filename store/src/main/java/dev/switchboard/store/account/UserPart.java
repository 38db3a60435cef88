package dev.switchboard.store.account;

import dev.switchboard.store.InvalidValueException;
import java.util.regex.Pattern;

/** Validates the user part of an extension's address of record ({@code user@domain}). */
public final class UserPart {

  // RFC 3261 unreserved and user-unreserved characters, less '/', '?' and '%' escapes, which would
  // need escaping in the API's URL paths. Case is kept: SIP user parts are case-sensitive.
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9\\-_.!~*'()&=+$,;]{1,64}");

  private UserPart() {}

  /** {@code text} itself when valid, otherwise an {@link InvalidValueException} on field "user". */
  public static String validate(String text) {
    if (text == null || text.isEmpty()) {
      throw new InvalidValueException("user", "user is required");
    }
    if (!USER.matcher(text).matches()) {
      throw new InvalidValueException(
          "user", "user must be 1 to 64 characters of letters, digits and -_.!~*'()&=+$,;");
    }
    return text;
  }
}
