package dev.switchboard.sip.auth;

import java.util.List;
import java.util.Locale;

/**
 * Which digest challenges a 401/407 lists, in order: RFC 8760 §2.4 wants the preferred (SHA-256)
 * one first; MD5 first is for MD5-only phones that wrongly read only the first challenge (SIPp
 * 3.6); MD5 only is for phones that fail on any challenge they cannot answer (baresip 1.0 with
 * libre 1.1 gives up with ENOSYS as soon as it meets SHA-256, whatever the order).
 */
public enum ChallengeOrder {
  SHA256_FIRST(List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5)),
  MD5_FIRST(List.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256)),
  MD5_ONLY(List.of(DigestAlgorithm.MD5));

  private final List<DigestAlgorithm> algorithms;

  ChallengeOrder(List<DigestAlgorithm> algorithms) {
    this.algorithms = algorithms;
  }

  /** The algorithms in the order their challenges are written. */
  public List<DigestAlgorithm> algorithms() {
    return algorithms;
  }

  /** The command-line spelling: {@code sha256-first}, {@code md5-first} or {@code md5-only}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses {@link #label()}, case-insensitively. */
  public static ChallengeOrder parse(String label) {
    for (ChallengeOrder o : values()) {
      if (o.label().equalsIgnoreCase(label.trim())) {
        return o;
      }
    }
    throw new IllegalArgumentException(
        "digest challenge order must be sha256-first, md5-first or md5-only, not '" + label + "'");
  }
}
