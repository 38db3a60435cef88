package dev.switchboard.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** The digest algorithms of RFC 7616 §3.3 that SIP uses (RFC 8760): MD5, SHA-256 and -sess. */
public enum DigestAlgorithm {
  SHA_256("SHA-256", "SHA-256", false),
  SHA_256_SESS("SHA-256-sess", "SHA-256", true),
  MD5("MD5", "MD5", false),
  MD5_SESS("MD5-sess", "MD5", true);

  private static final HexFormat HEX = HexFormat.of();

  private final String token;
  private final boolean session;
  // MessageDigest is not thread-safe, and getInstance per hash costs a provider lookup.
  private final ThreadLocal<MessageDigest> digest;

  DigestAlgorithm(String token, String jcaName, boolean session) {
    this.token = token;
    this.session = session;
    this.digest = ThreadLocal.withInitial(() -> newDigest(jcaName));
  }

  private static MessageDigest newDigest(String jcaName) {
    try {
      return MessageDigest.getInstance(jcaName);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has " + jcaName, e);
    }
  }

  /** The name as written in the algorithm parameter, e.g. {@code SHA-256}. */
  public String token() {
    return token;
  }

  /** Whether HA1 is re-keyed per nonce and cnonce (the -sess variants). */
  public boolean session() {
    return session;
  }

  /** The algorithm without -sess: which stored HA1 this one starts from. */
  public DigestAlgorithm base() {
    return switch (this) {
      case SHA_256, SHA_256_SESS -> SHA_256;
      case MD5, MD5_SESS -> MD5;
    };
  }

  /** Hex digits in a hash: 32 for MD5, 64 for SHA-256. */
  public int hexLength() {
    return base() == MD5 ? 32 : 64;
  }

  /** The lower-case hex hash of the UTF-8 bytes of {@code text}. */
  public String hex(String text) {
    MessageDigest md = digest.get();
    md.reset();
    return HEX.formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** The algorithm named by a parameter value (case-insensitive), or empty when unsupported. */
  public static Optional<DigestAlgorithm> fromToken(String token) {
    for (DigestAlgorithm a : values()) {
      if (a.token.equalsIgnoreCase(token)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
