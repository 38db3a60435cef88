package dev.switchboard.sip.auth;

import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * The client side of SIP digest authentication: answers a 401/407 by adding Authorization or
 * Proxy-Authorization headers to the retried request, one per challenging realm, each answering
 * that realm's strongest supported challenge (SHA-256 before MD5, never downgraded).
 */
public final class DigestClient {
  private static final List<DigestAlgorithm> PREFERENCE =
      List.of(
          DigestAlgorithm.SHA_256,
          DigestAlgorithm.SHA_256_SESS,
          DigestAlgorithm.MD5,
          DigestAlgorithm.MD5_SESS);

  private final Random random;

  public DigestClient() {
    this(new SecureRandom());
  }

  /** A client drawing cnonces from {@code random} (a seeded one makes tests repeatable). */
  public DigestClient(Random random) {
    this.random = Objects.requireNonNull(random);
  }

  /** {@link #authorize(SipRequest, SipResponse, String, String, long)} with nc=00000001. */
  public List<DigestCredentials> authorize(
      SipRequest request, SipResponse challenge, String user, String password) {
    return authorize(request, challenge, user, password, 1);
  }

  /**
   * Adds credentials to {@code request} (already prepared for resending: new CSeq, same
   * Request-URI) answering {@code challenge}, a 401 or 407. Challenges that do not parse or that we
   * cannot answer are skipped. The same user and password answer every realm.
   *
   * @return the credentials added, empty when no challenge could be answered
   */
  public List<DigestCredentials> authorize(
      SipRequest request, SipResponse challenge, String user, String password, long nonceCount) {
    if (nonceCount < 1 || nonceCount > 0xffff_ffffL) {
      throw new IllegalArgumentException("nonce count out of range");
    }
    ChallengeKind kind = ChallengeKind.forStatus(challenge.status());
    Map<String, DigestChallenge> best = new LinkedHashMap<>();
    for (String value : challenge.headers().all(kind.challengeHeader())) {
      Optional<DigestChallenge> c = answerable(value);
      if (c.isPresent()) {
        best.merge(c.get().realm(), c.get(), DigestClient::stronger);
      }
    }
    List<DigestCredentials> added = new ArrayList<>(best.size());
    for (DigestChallenge c : best.values()) {
      DigestCredentials creds = answer(request, c, user, password, nonceCount);
      request.addHeader(kind.credentialsHeader(), creds.toHeaderValue());
      added.add(creds);
    }
    return added;
  }

  private static Optional<DigestChallenge> answerable(String value) {
    if (!DigestParams.isDigest(value)) {
      return Optional.empty();
    }
    DigestChallenge c;
    try {
      c = DigestChallenge.parse(value);
    } catch (DigestParseException e) {
      return Optional.empty();
    }
    Optional<DigestAlgorithm> a = c.digestAlgorithm();
    if (a.isEmpty()) {
      return Optional.empty();
    }
    boolean rfc2069 = c.qop().isEmpty() && a.get() == DigestAlgorithm.MD5;
    return rfc2069 || c.qop().contains("auth") ? Optional.of(c) : Optional.empty();
  }

  // Ties keep the first: servers list their preferred challenge first (RFC 8760 §2.4).
  private static DigestChallenge stronger(DigestChallenge a, DigestChallenge b) {
    int ra = PREFERENCE.indexOf(a.digestAlgorithm().orElseThrow());
    int rb = PREFERENCE.indexOf(b.digestAlgorithm().orElseThrow());
    return rb < ra ? b : a;
  }

  private DigestCredentials answer(
      SipRequest request, DigestChallenge c, String user, String password, long nonceCount) {
    DigestAlgorithm algorithm = c.digestAlgorithm().orElseThrow();
    String uri = requestUriAsWritten(request);
    String ha1 = Ha1.of(algorithm, user, c.realm(), password);
    String qop = c.qop().isEmpty() ? null : "auth";
    String cnonce = qop == null ? null : cnonce();
    String nc = qop == null ? null : String.format("%08x", nonceCount);
    String response =
        DigestResponse.compute(algorithm, ha1, c.nonce(), nc, cnonce, qop, request.method(), uri);
    return new DigestCredentials(
        user,
        c.realm(),
        c.nonce(),
        uri,
        response,
        c.algorithm(),
        cnonce,
        c.opaque(),
        qop,
        nc,
        false);
  }

  // The digest-uri must be the Request-URI exactly as sent (RFC 3261 §22.4), not a re-rendering.
  private static String requestUriAsWritten(SipRequest request) {
    String line = request.startLine();
    return line.substring(line.indexOf(' ') + 1, line.lastIndexOf(' '));
  }

  private String cnonce() {
    byte[] b = new byte[12];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
