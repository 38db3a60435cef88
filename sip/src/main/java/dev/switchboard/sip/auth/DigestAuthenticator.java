package dev.switchboard.sip.auth;

import dev.switchboard.sip.auth.AuthResult.Authenticated;
import dev.switchboard.sip.auth.AuthResult.Cause;
import dev.switchboard.sip.auth.AuthResult.Challenge;
import dev.switchboard.sip.auth.AuthResult.Rejected;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The server side of SIP digest authentication (RFC 3261 §22, RFC 7616, RFC 8760): checks the
 * credentials of a request against stored HA1 values, or builds the 401/407 challenge.
 *
 * <p>Challenges offer SHA-256 and MD5, both qop="auth", with one nonce, as the {@link
 * ChallengeOrder} given says (SHA-256 first by default). Either algorithm is accepted in answers.
 * Unknown users and wrong passwords get byte-for-byte the same kind of answer after the same
 * hashing work, and a wrong answer burns its nonce, so every guess costs the guesser a fresh
 * challenge. Each (nonce, nc) pair is accepted once; the RFC 2069 form (MD5 without qop) is
 * accepted once per nonce, so such clients take a fresh challenge per request rather than leave a
 * replayable window.
 *
 * <p>Callers must not challenge ACK or CANCEL (RFC 3261 §22.1), and decide themselves whether the
 * authenticated user may act as the From or To identity. The digest-uri is not compared with the
 * Request-URI: the response covers it and each nc counts once, so a changed target gains nothing.
 * Thread-safe.
 */
public final class DigestAuthenticator {
  /** Default nonce lifetime. */
  public static final Duration DEFAULT_NONCE_LIFETIME = Duration.ofMinutes(5);

  // More credentials headers than any real path carries; bounds the work per request.
  private static final int MAX_CREDENTIALS_HEADERS = 8;
  private static final int MAX_REALM_CHARS = 256;

  private final NonceFactory nonces;
  private final NonceCounter counts;
  private final ChallengeOrder order;
  // Hashed against when the user is unknown, so that case costs and looks like a wrong password.
  private final Ha1Pair dummy;

  public DigestAuthenticator(Clock clock, byte[] serverSecret, Duration nonceLifetime) {
    this(clock, serverSecret, nonceLifetime, ChallengeOrder.SHA256_FIRST);
  }

  public DigestAuthenticator(
      Clock clock, byte[] serverSecret, Duration nonceLifetime, ChallengeOrder order) {
    this(clock, serverSecret, nonceLifetime, NonceCounter.DEFAULT_CAPACITY, order);
  }

  public DigestAuthenticator(
      Clock clock, byte[] serverSecret, Duration nonceLifetime, int nonceCapacity) {
    this(clock, serverSecret, nonceLifetime, nonceCapacity, ChallengeOrder.SHA256_FIRST);
  }

  public DigestAuthenticator(
      Clock clock,
      byte[] serverSecret,
      Duration nonceLifetime,
      int nonceCapacity,
      ChallengeOrder order) {
    this.order = Objects.requireNonNull(order);
    this.nonces = new NonceFactory(clock, serverSecret, nonceLifetime);
    this.counts = new NonceCounter(clock, nonceCapacity);
    SecureRandom random = new SecureRandom();
    byte[] md5 = new byte[16];
    byte[] sha256 = new byte[32];
    random.nextBytes(md5);
    random.nextBytes(sha256);
    this.dummy = new Ha1Pair(HexFormat.of().formatHex(md5), HexFormat.of().formatHex(sha256));
  }

  /** The order in which challenges list the algorithms. */
  public ChallengeOrder challengeOrder() {
    return order;
  }

  /** How many recent nonces keep their counts (the ring's size), for metrics. */
  public int rememberedNonces() {
    return counts.size();
  }

  /**
   * Authenticates a request for {@code realm} (the tenant's SIP domain) from its Authorization
   * ({@link ChallengeKind#WWW}) or Proxy-Authorization ({@link ChallengeKind#PROXY}) headers. Never
   * throws on hostile input; exceptions from {@code lookup} propagate.
   */
  public AuthResult authenticate(
      SipRequest request, String realm, ChallengeKind kind, CredentialLookup lookup) {
    checkRealm(realm);
    Objects.requireNonNull(lookup);
    String headerName = kind.credentialsHeader();
    List<String> values = request.headers().all(headerName);
    if (values.size() > MAX_CREDENTIALS_HEADERS) {
      return new Rejected(400, "Too many " + headerName + " headers");
    }
    DigestCredentials mine = null;
    DigestParseException firstError = null;
    for (String value : values) {
      if (!DigestParams.isDigest(value)) {
        continue; // another scheme is for someone else
      }
      DigestCredentials c;
      try {
        c = DigestCredentials.parse(value);
      } catch (DigestParseException e) {
        // It may have been for another realm; report it only if nothing is for ours.
        firstError = firstError == null ? e : firstError;
        continue;
      }
      if (c.realm().equals(realm)) {
        if (mine != null) {
          return new Rejected(400, "Two " + headerName + " headers for one realm");
        }
        mine = c;
      }
    }
    if (mine == null) {
      return firstError != null
          ? new Rejected(400, "Bad " + headerName + ": " + firstError.getMessage())
          : challenge(request, realm, kind, Cause.NO_CREDENTIALS);
    }
    return verify(request, realm, kind, lookup, mine);
  }

  private AuthResult verify(
      SipRequest request,
      String realm,
      ChallengeKind kind,
      CredentialLookup lookup,
      DigestCredentials c) {
    Optional<DigestAlgorithm> found = c.digestAlgorithm();
    if (found.isEmpty() || c.userhash() || (c.qop() != null && !c.qop().equalsIgnoreCase("auth"))) {
      return challenge(request, realm, kind, Cause.UNSUPPORTED);
    }
    DigestAlgorithm algorithm = found.get();
    if (c.qop() == null && algorithm != DigestAlgorithm.MD5) {
      // RFC 7616 §3.4 and RFC 8760 require qop; only RFC 2069 MD5 clients may omit it.
      return new Rejected(400, "Bad " + kind.credentialsHeader() + ": qop required");
    }
    NonceFactory.Check nonce = nonces.check(c.nonce(), realm);
    if (nonce.status() == NonceFactory.Status.INVALID) {
      return challenge(request, realm, kind, Cause.INVALID_NONCE);
    }
    Optional<Ha1Pair> stored = lookup.find(c.username(), realm);
    String ha1 = stored.orElse(dummy).forAlgorithm(algorithm);
    String expected =
        DigestResponse.compute(
            algorithm, ha1, c.nonce(), c.nc(), c.cnonce(), c.qop(), request.method(), c.uri());
    boolean match =
        MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII),
            c.response().getBytes(StandardCharsets.US_ASCII));
    if (!match || stored.isEmpty()) {
      if (nonce.status() == NonceFactory.Status.VALID) {
        counts.burn(nonce.serial(), nonce.expiresAtMillis());
      }
      return challenge(request, realm, kind, Cause.WRONG_CREDENTIALS);
    }
    if (nonce.status() == NonceFactory.Status.EXPIRED) {
      return challenge(request, realm, kind, Cause.STALE_NONCE);
    }
    if (!counts.advance(nonce.serial(), c.nonceCount(), nonce.expiresAtMillis())) {
      return challenge(request, realm, kind, Cause.REPLAYED);
    }
    return new Authenticated(c.username(), algorithm);
  }

  /**
   * A 401/407 for {@code request} with the challenges of this authenticator's {@link
   * ChallengeOrder} (SHA-256 then MD5 by default, RFC 8760 §2.4: preferred first), sharing one
   * fresh nonce; stale=true for the stale causes.
   */
  public Challenge challenge(SipRequest request, String realm, ChallengeKind kind, Cause cause) {
    checkRealm(realm);
    String nonce = nonces.issue(realm);
    boolean stale = cause.stale();
    SipResponse r = request.createResponse(kind.status(), null);
    for (DigestAlgorithm algorithm : order.algorithms()) {
      r.addHeader(
          kind.challengeHeader(),
          DigestChallenge.of(realm, nonce, algorithm, stale).toHeaderValue());
    }
    return new Challenge(r, cause);
  }

  private static void checkRealm(String realm) {
    DigestParams.requirePrintable(realm, "realm");
    if (realm.length() > MAX_REALM_CHARS) {
      throw new IllegalArgumentException("realm too long");
    }
  }
}
