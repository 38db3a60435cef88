package dev.switchboard.sip.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * The Digest credentials of an Authorization or Proxy-Authorization header (RFC 3261 §25.1
 * digest-response, RFC 7616 §3.4); {@code algorithm}, {@code cnonce}, {@code opaque}, {@code qop}
 * and {@code nc} are null when absent.
 */
public record DigestCredentials(
    String username,
    String realm,
    String nonce,
    String uri,
    String response,
    String algorithm,
    String cnonce,
    String opaque,
    String qop,
    String nc,
    boolean userhash) {

  /**
   * Parses a header value, checking the grammar and what RFC 7616 requires together: the five
   * mandatory parameters, a hex response, and cnonce and nc exactly when qop is present.
   *
   * @throws DigestParseException saying what is wrong
   */
  public static DigestCredentials parse(String header) {
    // The edge reads the user name, then the authenticator checks the same header object: the
    // second call finds the first's result (the value is immutable, so identity is enough).
    LastParsed last = LAST.get();
    if (last.header == header && header != null) {
      return last.credentials;
    }
    DigestCredentials c = parseNew(header);
    last.header = header;
    last.credentials = c;
    return c;
  }

  private static final ThreadLocal<LastParsed> LAST = ThreadLocal.withInitial(LastParsed::new);

  /** One thread's last parsed header and its credentials. */
  private static final class LastParsed {
    String header;
    DigestCredentials credentials;
  }

  private static DigestCredentials parseNew(String header) {
    DigestParams p = DigestParams.parse(header);
    String response = required(p, "response");
    if (response.isEmpty() || response.length() > 64 || !isHex(response)) {
      throw new DigestParseException("response is not a hex digest");
    }
    String qop = p.get("qop");
    String cnonce = p.get("cnonce");
    String nc = p.get("nc");
    if (qop != null) {
      if (cnonce == null || cnonce.isEmpty()) {
        throw new DigestParseException("qop without cnonce");
      }
      if (nc == null) {
        throw new DigestParseException("qop without nc");
      }
      if (nc.length() != 8 || !isHex(nc)) {
        throw new DigestParseException("nc is not 8 hex digits");
      }
      if (Long.parseLong(nc, 16) == 0) {
        throw new DigestParseException("nc must start at 00000001");
      }
    } else if (cnonce != null || nc != null) {
      // RFC 2617 §3.2.2: cnonce and nc MUST NOT be sent without qop.
      throw new DigestParseException("cnonce or nc without qop");
    }
    String userhash = p.get("userhash");
    if (userhash != null
        && !userhash.equalsIgnoreCase("true")
        && !userhash.equalsIgnoreCase("false")) {
      throw new DigestParseException("userhash is neither true nor false");
    }
    String algorithm = p.get("algorithm");
    if (algorithm != null && algorithm.isEmpty()) {
      throw new DigestParseException("empty algorithm");
    }
    // Tokens in the grammar; quoting them is tolerated, but what is inside must still be one, or
    // the credentials could not be written again (toHeaderValue writes them bare).
    if (qop != null && !DigestParams.isToken(qop)) {
      throw new DigestParseException("qop is not a token");
    }
    if (algorithm != null && !DigestParams.isToken(algorithm)) {
      throw new DigestParseException("algorithm is not a token");
    }
    return new DigestCredentials(
        required(p, "username"),
        required(p, "realm"),
        nonEmpty(p, "nonce"),
        nonEmpty(p, "uri"),
        response.toLowerCase(Locale.ROOT),
        algorithm,
        cnonce,
        p.get("opaque"),
        qop,
        nc,
        "true".equalsIgnoreCase(userhash));
  }

  private static String required(DigestParams p, String name) {
    String v = p.get(name);
    if (v == null) {
      throw new DigestParseException("missing " + name);
    }
    return v;
  }

  private static String nonEmpty(DigestParams p, String name) {
    String v = required(p, name);
    if (v.isEmpty()) {
      throw new DigestParseException("empty " + name);
    }
    return v;
  }

  /** LHEX and its upper case in ASCII only: Character.digit also takes other scripts' digits. */
  static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  /** The algorithm used (MD5 when absent, RFC 7616 §3.4), or empty when we do not support it. */
  public Optional<DigestAlgorithm> digestAlgorithm() {
    return algorithm == null
        ? Optional.of(DigestAlgorithm.MD5)
        : DigestAlgorithm.fromToken(algorithm);
  }

  /** The nonce count as a number, or 0 without qop. */
  public long nonceCount() {
    return nc == null ? 0 : Long.parseLong(nc, 16);
  }

  /** The header value, parameters in the order of RFC 7616 §3.9.1. */
  public String toHeaderValue() {
    StringBuilder sb = new StringBuilder(256).append("Digest username=");
    DigestParams.appendQuoted(sb, username);
    sb.append(", realm=");
    DigestParams.appendQuoted(sb, realm);
    sb.append(", nonce=");
    DigestParams.appendQuoted(sb, nonce);
    sb.append(", uri=");
    DigestParams.appendQuoted(sb, uri);
    sb.append(", response=");
    DigestParams.appendQuoted(sb, response);
    if (algorithm != null) {
      sb.append(", algorithm=").append(algorithm);
    }
    if (cnonce != null) {
      sb.append(", cnonce=");
      DigestParams.appendQuoted(sb, cnonce);
    }
    if (opaque != null) {
      sb.append(", opaque=");
      DigestParams.appendQuoted(sb, opaque);
    }
    if (qop != null) {
      sb.append(", qop=").append(qop).append(", nc=").append(nc);
    }
    if (userhash) {
      sb.append(", userhash=true");
    }
    return sb.toString();
  }
}
