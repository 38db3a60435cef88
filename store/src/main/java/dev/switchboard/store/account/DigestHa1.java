package dev.switchboard.store.account;

import dev.switchboard.store.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The digest HA1 values of one credential, the only form in which SIP passwords are kept.
 *
 * @param md5 lower-case hex MD5 of {@code user:realm:password} (RFC 2617)
 * @param sha256 lower-case hex SHA-256 of {@code user:realm:password} (RFC 7616)
 */
public record DigestHa1(String md5, String sha256) {

  /** Computes both HA1 values; the realm is the tenant's domain. */
  public static DigestHa1 of(String user, String realm, String password) {
    String a1 = user + ":" + realm + ":" + password;
    byte[] bytes = a1.getBytes(StandardCharsets.UTF_8);
    return new DigestHa1(hex("MD5", bytes), hex("SHA-256", bytes));
  }

  /** Checks a new SIP password: 1 to 128 characters, no control characters. */
  public static String validatePassword(String password) {
    if (password == null || password.isEmpty()) {
      throw new InvalidValueException("password", "password is required");
    }
    if (password.length() > 128) {
      throw new InvalidValueException("password", "password must be at most 128 characters");
    }
    if (password.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidValueException("password", "password must not contain control characters");
    }
    return password;
  }

  private static String hex(String algorithm, byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is required by every Java platform", e);
    }
  }

  @Override
  public String toString() {
    return "DigestHa1[…]";
  }
}
