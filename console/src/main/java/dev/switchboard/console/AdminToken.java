package dev.switchboard.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The operator's bearer token, held only as a SHA-256 digest in memory and compared in constant
 * time; a fast hash suffices because the token is 256 random bits, not a human password.
 */
public final class AdminToken {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] digest;

  private AdminToken(byte[] digest) {
    this.digest = digest;
  }

  public static AdminToken of(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("admin token must not be blank");
    }
    return new AdminToken(sha256(token.trim()));
  }

  /** A fresh URL-safe token of 32 random bytes. */
  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** True when {@code presented} is the token. */
  public boolean matches(String presented) {
    return presented != null && MessageDigest.isEqual(digest, sha256(presented.trim()));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  @Override
  public String toString() {
    return "AdminToken[…]";
  }
}
