package dev.switchboard.sip.auth;

import java.util.Locale;

/** The two stored HA1 values of one user in one realm, lower-case hex. */
public record Ha1Pair(String md5, String sha256) {
  public Ha1Pair {
    md5 = checkHex(md5, 32, "md5");
    sha256 = checkHex(sha256, 64, "sha256");
  }

  private static String checkHex(String v, int length, String what) {
    if (v == null || v.length() != length) {
      throw new IllegalArgumentException(what + " HA1 must be " + length + " hex digits");
    }
    for (int i = 0; i < length; i++) {
      if (Character.digit(v.charAt(i), 16) < 0) {
        throw new IllegalArgumentException(what + " HA1 must be hex");
      }
    }
    return v.toLowerCase(Locale.ROOT);
  }

  /** The HA1 an algorithm starts from (-sess variants use the plain one). */
  public String forAlgorithm(DigestAlgorithm algorithm) {
    return algorithm.base() == DigestAlgorithm.MD5 ? md5 : sha256;
  }

  @Override
  public String toString() {
    // HA1 is password-equivalent for its realm: keep it out of logs.
    return "Ha1Pair[redacted]";
  }
}
