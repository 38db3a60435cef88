package dev.switchboard.sip.auth;

/**
 * The request-digest of RFC 7616 §3.4.1 (RFC 2617 §3.2.2.1), computed from HA1, never a password.
 */
public final class DigestResponse {
  private DigestResponse() {}

  /**
   * The expected {@code response} value in lower-case hex. With {@code qop} null this is the RFC
   * 2069 form H(HA1:nonce:HA2); otherwise H(HA1:nonce:nc:cnonce:qop:HA2). HA2 = H(method:uri).
   */
  public static String compute(
      DigestAlgorithm algorithm,
      String ha1,
      String nonce,
      String nc,
      String cnonce,
      String qop,
      String method,
      String uri) {
    String key = algorithm.session() ? algorithm.hex(ha1 + ":" + nonce + ":" + cnonce) : ha1;
    String ha2 = algorithm.hex(method + ":" + uri);
    if (qop == null) {
      return algorithm.hex(key + ":" + nonce + ":" + ha2);
    }
    return algorithm.hex(key + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
  }
}
