package dev.switchboard.sip.auth;

/** Computes HA1 = H(username:realm:password) for provisioning, so passwords need not be stored. */
public final class Ha1 {
  private Ha1() {}

  /** MD5 HA1 in lower-case hex. */
  public static String md5(String user, String realm, String password) {
    return of(DigestAlgorithm.MD5, user, realm, password);
  }

  /** SHA-256 HA1 in lower-case hex. */
  public static String sha256(String user, String realm, String password) {
    return of(DigestAlgorithm.SHA_256, user, realm, password);
  }

  /** Both HA1 values, ready to store. */
  public static Ha1Pair pair(String user, String realm, String password) {
    return new Ha1Pair(md5(user, realm, password), sha256(user, realm, password));
  }

  static String of(DigestAlgorithm algorithm, String user, String realm, String password) {
    return algorithm.base().hex(user + ":" + realm + ":" + password);
  }
}
