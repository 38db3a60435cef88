package dev.switchboard.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sip.auth.AuthResult.Authenticated;
import dev.switchboard.sip.auth.AuthResult.Cause;
import dev.switchboard.sip.auth.AuthResult.Challenge;
import dev.switchboard.sip.auth.AuthResult.Rejected;
import dev.switchboard.sip.message.HeaderNames;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class DigestAuthenticatorTest {
  static final String REALM = "example.com";
  static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  final MutableClock clock = new MutableClock(1_700_000_000_000L);
  final DigestAuthenticator auth =
      new DigestAuthenticator(clock, SECRET, DigestAuthenticator.DEFAULT_NONCE_LIFETIME);
  final DigestClient client = new DigestClient(new Random(7));
  final Map<String, Ha1Pair> users = Map.of("alice", Ha1.pair("alice", REALM, "secret"));
  final AtomicInteger lookups = new AtomicInteger();
  final CredentialLookup lookup =
      (user, realm) -> {
        lookups.incrementAndGet();
        return realm.equals(REALM) ? Optional.ofNullable(users.get(user)) : Optional.empty();
      };

  AuthResult authenticate(SipRequest r) {
    return auth.authenticate(r, REALM, ChallengeKind.WWW, lookup);
  }

  SipResponse firstChallenge() {
    AuthResult r = authenticate(Requests.register("alice", REALM));
    assertThat(r).isInstanceOf(Challenge.class);
    return ((Challenge) r).response();
  }

  /** A REGISTER answered with only the challenge header of the given algorithm kept. */
  SipRequest answered(SipResponse challenge, String user, String password, String algorithm) {
    return answered(challenge, user, user, password, algorithm);
  }

  SipRequest answered(
      SipResponse challenge, String fromUser, String user, String password, String algorithm) {
    SipResponse only = challengeWithOnly(challenge, algorithm);
    SipRequest retry = Requests.request("REGISTER", "sip:" + REALM, fromUser, REALM, 2);
    assertThat(client.authorize(retry, only, user, password)).hasSize(1);
    return retry;
  }

  static SipResponse challengeWithOnly(SipResponse challenge, String algorithm) {
    SipResponse copy = challenge.copy();
    List<String> all = copy.headers().all(HeaderNames.WWW_AUTHENTICATE);
    copy.removeHeader(HeaderNames.WWW_AUTHENTICATE);
    for (String v : all) {
      if (algorithm == null || v.contains("algorithm=" + algorithm + ",")) {
        copy.addHeader(HeaderNames.WWW_AUTHENTICATE, v);
      }
    }
    return copy;
  }

  @Test
  void aRequestWithoutCredentialsGetsSha256ThenMd5() {
    SipResponse r = firstChallenge();
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.body()).isEmpty();
    List<String> challenges = r.headers().all(HeaderNames.WWW_AUTHENTICATE);
    assertThat(challenges).hasSize(2);
    DigestChallenge sha = DigestChallenge.parse(challenges.get(0));
    DigestChallenge md5 = DigestChallenge.parse(challenges.get(1));
    assertThat(sha.digestAlgorithm()).contains(DigestAlgorithm.SHA_256);
    assertThat(md5.digestAlgorithm()).contains(DigestAlgorithm.MD5);
    assertThat(sha.qop()).containsExactly("auth");
    assertThat(md5.qop()).containsExactly("auth");
    assertThat(sha.realm()).isEqualTo(REALM);
    assertThat(sha.stale()).isFalse();
    // Small enough that reflecting it gains an attacker little.
    assertThat(r.toBytes().length).isLessThan(600);
  }

  @ParameterizedTest
  @ValueSource(strings = {"SHA-256", "MD5"})
  void roundTrip(String algorithm) {
    SipRequest retry = answered(firstChallenge(), "alice", "secret", algorithm);
    AuthResult result = authenticate(retry);
    assertThat(result)
        .isEqualTo(new Authenticated("alice", DigestAlgorithm.fromToken(algorithm).orElseThrow()));
  }

  @Test
  void theClientAnswersSha256WhenBothAreOffered() {
    SipRequest retry = answered(firstChallenge(), "alice", "secret", null);
    assertThat(retry.header(HeaderNames.AUTHORIZATION)).contains("algorithm=SHA-256");
    assertThat(authenticate(retry)).isEqualTo(new Authenticated("alice", DigestAlgorithm.SHA_256));
  }

  @Test
  void aSha256AnswerIsCheckedWithSha256Only() {
    // The right MD5 response labelled SHA-256 must not pass: no downgrade by relabelling.
    SipRequest md5 = answered(firstChallenge(), "alice", "secret", "MD5");
    String h = md5.header(HeaderNames.AUTHORIZATION).replace("algorithm=MD5", "algorithm=SHA-256");
    md5.setHeader(HeaderNames.AUTHORIZATION, h);
    assertThat(authenticate(md5)).isInstanceOf(Challenge.class);
  }

  @Test
  void proxyChallengesUse407AndProxyHeaders() {
    SipRequest invite = Requests.invite("alice", REALM, "sip:bob@" + REALM);
    Challenge c = (Challenge) auth.authenticate(invite, REALM, ChallengeKind.PROXY, lookup);
    assertThat(c.response().status()).isEqualTo(407);
    assertThat(c.response().headers().all(HeaderNames.PROXY_AUTHENTICATE)).hasSize(2);
    SipRequest retry = Requests.request("INVITE", "sip:bob@" + REALM, "alice", REALM, 2);
    client.authorize(retry, c.response(), "alice", "secret");
    assertThat(retry.header(HeaderNames.PROXY_AUTHORIZATION)).isNotNull();
    assertThat(auth.authenticate(retry, REALM, ChallengeKind.PROXY, lookup))
        .isInstanceOf(Authenticated.class);
    // Proxy credentials do not satisfy a registrar.
    assertThat(authenticate(retry)).isInstanceOf(Challenge.class);
  }

  @Test
  void theMethodIsCovered() {
    SipRequest retry = answered(firstChallenge(), "alice", "secret", "SHA-256");
    SipRequest other = Requests.request("OPTIONS", "sip:" + REALM, "alice", REALM, 2);
    other.setHeader(HeaderNames.AUTHORIZATION, retry.header(HeaderNames.AUTHORIZATION));
    assertThat(authenticate(other)).isInstanceOf(Challenge.class);
  }

  @Test
  void wrongPasswordAndUnknownUserLookTheSame() {
    SipResponse challenge = firstChallenge();
    Challenge wrong = (Challenge) authenticate(answered(challenge, "alice", "guess", "SHA-256"));
    Challenge unknown =
        (Challenge) authenticate(answered(challenge, "alice", "mallory", "guess", "SHA-256"));
    assertThat(wrong.cause()).isEqualTo(Cause.WRONG_CREDENTIALS);
    assertThat(unknown.cause()).isEqualTo(Cause.WRONG_CREDENTIALS);
    assertThat(shape(unknown.response())).isEqualTo(shape(wrong.response()));
    assertThat(unknown.response().toBytes().length).isEqualTo(wrong.response().toBytes().length);
  }

  @Test
  void aWrongAnswerBurnsItsNonceSoOneChallengeServesOneGuess() {
    SipResponse challenge = firstChallenge();
    assertThat(authenticate(answered(challenge, "alice", "guess", "SHA-256")))
        .isInstanceOf(Challenge.class);
    // The right password on the same nonce (a higher nc, as a client counting on would send).
    SipRequest right = Requests.request("REGISTER", "sip:" + REALM, "alice", REALM, 3);
    client.authorize(right, challenge, "alice", "secret", 2);
    AuthResult again = authenticate(right);
    assertThat(again).isInstanceOf(Challenge.class);
    assertThat(((Challenge) again).cause()).isEqualTo(Cause.REPLAYED);
    // A fresh challenge works at once.
    SipResponse fresh = ((Challenge) again).response();
    assertThat(authenticate(answered(fresh, "alice", "secret", "SHA-256")))
        .isInstanceOf(Authenticated.class);
  }

  @Test
  void unknownUsersCostTheSameHashing() {
    // The lookup runs and a response is computed in both cases; count the lookups.
    SipResponse challenge = firstChallenge();
    lookups.set(0);
    authenticate(answered(challenge, "mallory", "guess", "MD5"));
    authenticate(answered(challenge, "alice", "guess", "MD5"));
    assertThat(lookups).hasValue(2);
  }

  /** A response with the nonces blanked: what may differ is only random. */
  static String shape(SipResponse r) {
    return r.toString().replaceAll("nonce=\"[^\"]*\"", "nonce=\"*\"");
  }

  @Test
  void anExpiredNonceWithRightCredentialsIsStale() {
    SipRequest retry = answered(firstChallenge(), "alice", "secret", "SHA-256");
    clock.advance(Duration.ofMinutes(5));
    Challenge c = (Challenge) authenticate(retry);
    assertThat(c.cause()).isEqualTo(Cause.STALE_NONCE);
    assertThat(c.stale()).isTrue();
    for (String h : c.response().headers().all(HeaderNames.WWW_AUTHENTICATE)) {
      assertThat(DigestChallenge.parse(h).stale()).isTrue();
    }
    SipRequest again = answered(c.response(), "alice", "secret", "SHA-256");
    assertThat(authenticate(again)).isInstanceOf(Authenticated.class);
  }

  @Test
  void anExpiredNonceWithWrongCredentialsIsNotStale() {
    SipRequest retry = answered(firstChallenge(), "alice", "guess", "SHA-256");
    clock.advance(Duration.ofMinutes(6));
    Challenge c = (Challenge) authenticate(retry);
    assertThat(c.stale()).isFalse();
    assertThat(c.response().header(HeaderNames.WWW_AUTHENTICATE)).doesNotContain("stale");
  }

  @Test
  void aForgedNonceIsChallengedAfresh() {
    SipResponse challenge = firstChallenge();
    String header = challenge.header(HeaderNames.WWW_AUTHENTICATE);
    String nonce = DigestChallenge.parse(header).nonce();
    char flipped = nonce.charAt(5) == 'A' ? 'B' : 'A';
    String forgedNonce = nonce.substring(0, 5) + flipped + nonce.substring(6);
    SipResponse forged = challengeWithOnly(challenge, "SHA-256");
    forged.setHeader(HeaderNames.WWW_AUTHENTICATE, header.replace(nonce, forgedNonce));
    SipRequest retry = answered(forged, "alice", "secret", "SHA-256");
    Challenge c = (Challenge) authenticate(retry);
    assertThat(c.cause()).isEqualTo(Cause.INVALID_NONCE);
    assertThat(c.stale()).isFalse();
  }

  @Test
  void aNonceFromAnotherRealmIsRefused() {
    Map<String, Ha1Pair> both = Map.of("alice", Ha1.pair("alice", REALM, "secret"));
    SipResponse otherRealm =
        ((Challenge)
                auth.authenticate(
                    Requests.register("alice", "other.example"),
                    "other.example",
                    ChallengeKind.WWW,
                    (u, r) -> Optional.empty()))
            .response();
    // Answer it as if it had been for our realm: the nonce's HMAC binds it to other.example.
    String nonce = DigestChallenge.parse(otherRealm.header(HeaderNames.WWW_AUTHENTICATE)).nonce();
    SipResponse transplanted = challengeWithOnly(firstChallenge(), "SHA-256");
    String ours = transplanted.header(HeaderNames.WWW_AUTHENTICATE);
    transplanted.setHeader(
        HeaderNames.WWW_AUTHENTICATE, ours.replace(DigestChallenge.parse(ours).nonce(), nonce));
    SipRequest retry = answered(transplanted, "alice", "secret", "SHA-256");
    Challenge c =
        (Challenge)
            auth.authenticate(
                retry, REALM, ChallengeKind.WWW, (u, r) -> Optional.ofNullable(both.get(u)));
    assertThat(c.cause()).isEqualTo(Cause.INVALID_NONCE);
  }

  @Test
  void aReplayedNonceCountIsChallengedAgain() {
    SipRequest retry = answered(firstChallenge(), "alice", "secret", "SHA-256");
    assertThat(authenticate(retry)).isInstanceOf(Authenticated.class);
    Challenge replay = (Challenge) authenticate(retry);
    assertThat(replay.cause()).isEqualTo(Cause.REPLAYED);
    assertThat(replay.stale()).isTrue();
  }

  @Test
  void increasingNonceCountsAreAccepted() {
    SipResponse challenge = challengeWithOnly(firstChallenge(), "SHA-256");
    for (long nc : new long[] {1, 2, 5, 6}) {
      SipRequest r = Requests.request("REGISTER", "sip:" + REALM, "alice", REALM, (int) nc + 1);
      client.authorize(r, challenge, "alice", "secret", nc);
      assertThat(authenticate(r)).as("nc %d", nc).isInstanceOf(Authenticated.class);
    }
    SipRequest old = Requests.request("REGISTER", "sip:" + REALM, "alice", REALM, 9);
    client.authorize(old, challenge, "alice", "secret", 4);
    assertThat(authenticate(old)).isInstanceOf(Challenge.class);
  }

  @Test
  void rfc2069Md5WithoutQopIsAcceptedOncePerNonce() {
    SipResponse md5 = challengeWithOnly(firstChallenge(), "MD5");
    String noQop = md5.header(HeaderNames.WWW_AUTHENTICATE).replace(", qop=\"auth\"", "");
    md5.setHeader(HeaderNames.WWW_AUTHENTICATE, noQop);
    SipRequest retry = Requests.request("REGISTER", "sip:" + REALM, "alice", REALM, 2);
    DigestCredentials sent = client.authorize(retry, md5, "alice", "secret").get(0);
    assertThat(sent.qop()).isNull();
    assertThat(sent.cnonce()).isNull();
    assertThat(retry.header(HeaderNames.AUTHORIZATION)).doesNotContain("qop", "nc=");
    assertThat(authenticate(retry)).isEqualTo(new Authenticated("alice", DigestAlgorithm.MD5));
    assertThat(((Challenge) authenticate(retry)).cause()).isEqualTo(Cause.REPLAYED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"SHA-256-sess", "MD5-sess"})
  void sessionVariantsAreAccepted(String algorithm) {
    SipResponse sess = challengeWithOnly(firstChallenge(), "SHA-256");
    String h = sess.header(HeaderNames.WWW_AUTHENTICATE);
    sess.setHeader(HeaderNames.WWW_AUTHENTICATE, h.replace("SHA-256", algorithm));
    SipRequest retry = Requests.request("REGISTER", "sip:" + REALM, "alice", REALM, 2);
    client.authorize(retry, sess, "alice", "secret");
    assertThat(authenticate(retry))
        .isEqualTo(new Authenticated("alice", DigestAlgorithm.fromToken(algorithm).orElseThrow()));
  }

  @Test
  void sha256WithoutQopIsRejected() {
    SipRequest r = Requests.register("alice", REALM);
    r.setHeader(
        HeaderNames.AUTHORIZATION,
        "Digest username=\"alice\", realm=\"example.com\", nonce=\"n\", uri=\"sip:example.com\","
            + " response=\"00\", algorithm=SHA-256");
    assertThat(authenticate(r)).isEqualTo(new Rejected(400, "Bad Authorization: qop required"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        ", algorithm=SHA-512-256, qop=auth, cnonce=\"c\", nc=00000001",
        ", qop=auth-int, cnonce=\"c\", nc=00000001",
        ", qop=auth, cnonce=\"c\", nc=00000001, userhash=true",
      })
  void whatWeDoNotOfferIsChallengedAgain(String extra) {
    SipRequest r = Requests.register("alice", REALM);
    r.setHeader(
        HeaderNames.AUTHORIZATION,
        "Digest username=\"alice\", realm=\"example.com\", nonce=\"n\", uri=\"sip:example.com\","
            + " response=\"00\""
            + extra);
    assertThat(((Challenge) authenticate(r)).cause()).isEqualTo(Cause.UNSUPPORTED);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Digest",
        "Digest username=alice",
        "Digest username=\"alice\", username=\"bob\"",
        "Digest username=\"alice\", realm=\"example.com\"",
        "Digest username=\"a\", realm=\"example.com\", nonce=\"n\", uri=\"u\", response=\"zz\"",
        "Digest username=\"a\", realm=\"example.com\", nonce=\"n\", uri=\"u\", response=\"00\", qop=auth",
        "Digest username=\"a\u0001\"",
        "Digest username=\"unterminated",
      })
  void malformedCredentialsAreRejectedWith400(String header) {
    SipRequest r = Requests.register("alice", REALM);
    r.setHeader(HeaderNames.AUTHORIZATION, header);
    AuthResult result = authenticate(r);
    assertThat(result).isInstanceOf(Rejected.class);
    Rejected rejected = (Rejected) result;
    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.reason()).startsWith("Bad Authorization: ").matches("[ -~]{1,120}");
  }

  @Test
  void otherSchemesAreNotOurs() {
    SipRequest r = Requests.register("alice", REALM);
    r.setHeader(HeaderNames.AUTHORIZATION, "Basic YWxpY2U6c2VjcmV0");
    assertThat(((Challenge) authenticate(r)).cause()).isEqualTo(Cause.NO_CREDENTIALS);
  }

  @Test
  void picksTheCredentialsForOurRealmAmongSeveral() {
    SipRequest retry = answered(firstChallenge(), "alice", "secret", "SHA-256");
    String ours = retry.header(HeaderNames.AUTHORIZATION);
    retry.removeHeader(HeaderNames.AUTHORIZATION);
    retry.addHeader(
        HeaderNames.AUTHORIZATION,
        "Digest username=\"x\", realm=\"carrier.example\", nonce=\"n\", uri=\"sip:a\","
            + " response=\"00\"");
    retry.addHeader(HeaderNames.AUTHORIZATION, ours);
    retry.addHeader(HeaderNames.AUTHORIZATION, "Digest garbage for someone else");
    assertThat(authenticate(retry)).isInstanceOf(Authenticated.class);
  }

  @Test
  void credentialsOnlyForOtherRealmsAreChallenged() {
    SipRequest r = Requests.register("alice", REALM);
    r.addHeader(
        HeaderNames.AUTHORIZATION,
        "Digest username=\"x\", realm=\"carrier.example\", nonce=\"n\", uri=\"sip:a\","
            + " response=\"00\"");
    assertThat(((Challenge) authenticate(r)).cause()).isEqualTo(Cause.NO_CREDENTIALS);
  }

  @Test
  void twoCredentialsForOurRealmAreRejected() {
    SipRequest retry = answered(firstChallenge(), "alice", "secret", "SHA-256");
    retry.addHeader(HeaderNames.AUTHORIZATION, retry.header(HeaderNames.AUTHORIZATION));
    assertThat(authenticate(retry))
        .isEqualTo(new Rejected(400, "Two Authorization headers for one realm"));
  }

  @Test
  void tooManyCredentialsHeadersAreRejected() {
    SipRequest r = Requests.register("alice", REALM);
    for (int i = 0; i < 9; i++) {
      r.addHeader(HeaderNames.AUTHORIZATION, "Digest realm=\"r" + i + "\"");
    }
    assertThat(authenticate(r)).isInstanceOf(Rejected.class);
  }

  @ParameterizedTest
  @EnumSource(Cause.class)
  void everyChallengeHasTwoHeadersAndNoBody(Cause cause) {
    Challenge c =
        auth.challenge(Requests.register("alice", REALM), REALM, ChallengeKind.WWW, cause);
    assertThat(c.cause()).isEqualTo(cause);
    assertThat(c.response().headers().all(HeaderNames.WWW_AUTHENTICATE)).hasSize(2);
    assertThat(c.response().contentLength()).isZero();
  }
}
