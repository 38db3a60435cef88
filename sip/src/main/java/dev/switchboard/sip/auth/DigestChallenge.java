package dev.switchboard.sip.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One Digest challenge of a WWW-Authenticate or Proxy-Authenticate header (RFC 3261 §25.1
 * digest-cln, RFC 7616 §3.3); {@code opaque} and {@code algorithm} are null when absent, and an
 * empty {@code qop} list is the RFC 2069 form.
 */
public record DigestChallenge(
    String realm, String nonce, String opaque, String algorithm, List<String> qop, boolean stale) {

  public DigestChallenge {
    qop = List.copyOf(qop);
  }

  /** The challenge we send: qop="auth", no opaque (it would only add bytes to reflect). */
  public static DigestChallenge of(
      String realm, String nonce, DigestAlgorithm algorithm, boolean stale) {
    return new DigestChallenge(
        DigestParams.requirePrintable(realm, "realm"),
        DigestParams.requirePrintable(nonce, "nonce"),
        null,
        algorithm.token(),
        List.of("auth"),
        stale);
  }

  /**
   * Parses a header value.
   *
   * @throws DigestParseException saying what is wrong
   */
  public static DigestChallenge parse(String header) {
    DigestParams p = DigestParams.parse(header);
    String realm = p.get("realm");
    String nonce = p.get("nonce");
    if (realm == null) {
      throw new DigestParseException("missing realm");
    }
    if (nonce == null || nonce.isEmpty()) {
      throw new DigestParseException("missing nonce");
    }
    List<String> qop = new ArrayList<>(2);
    String qopValue = p.get("qop");
    if (qopValue != null) {
      for (String option : qopValue.split(",", 8)) {
        String o = option.strip();
        if (!DigestParams.isToken(o)) {
          throw new DigestParseException("bad qop option");
        }
        qop.add(o.toLowerCase(Locale.ROOT));
      }
    }
    String stale = p.get("stale");
    if (stale != null && !stale.equalsIgnoreCase("true") && !stale.equalsIgnoreCase("false")) {
      throw new DigestParseException("stale is neither true nor false");
    }
    String algorithm = p.get("algorithm");
    if (algorithm != null && algorithm.isEmpty()) {
      throw new DigestParseException("empty algorithm");
    }
    if (algorithm != null && !DigestParams.isToken(algorithm)) {
      throw new DigestParseException("algorithm is not a token");
    }
    return new DigestChallenge(
        realm, nonce, p.get("opaque"), algorithm, qop, "true".equalsIgnoreCase(stale));
  }

  /** The algorithm offered (MD5 when absent), or empty when we do not support it. */
  public Optional<DigestAlgorithm> digestAlgorithm() {
    return algorithm == null
        ? Optional.of(DigestAlgorithm.MD5)
        : DigestAlgorithm.fromToken(algorithm);
  }

  /** The header value; realm, nonce and opaque quoted and escaped. */
  public String toHeaderValue() {
    StringBuilder sb = new StringBuilder(128).append("Digest realm=");
    DigestParams.appendQuoted(sb, realm);
    sb.append(", nonce=");
    DigestParams.appendQuoted(sb, nonce);
    if (opaque != null) {
      sb.append(", opaque=");
      DigestParams.appendQuoted(sb, opaque);
    }
    if (algorithm != null) {
      sb.append(", algorithm=").append(algorithm);
    }
    if (!qop.isEmpty()) {
      sb.append(", qop=");
      DigestParams.appendQuoted(sb, String.join(",", qop));
    }
    if (stale) {
      sb.append(", stale=true");
    }
    return sb.toString();
  }
}
