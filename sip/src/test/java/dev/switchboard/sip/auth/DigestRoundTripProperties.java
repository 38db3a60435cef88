package dev.switchboard.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sip.auth.AuthResult.Authenticated;
import dev.switchboard.sip.auth.AuthResult.Challenge;
import dev.switchboard.sip.message.SipRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any printable user name and password, quotes and backslashes included, survive the round trip.
 */
class DigestRoundTripProperties {
  static final String REALM = "example.com";

  final DigestAuthenticator auth =
      new DigestAuthenticator(
          new MutableClock(1_700_000_000_000L),
          "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8),
          Duration.ofMinutes(5));
  final DigestClient client = new DigestClient(new Random(3));

  @Provide
  Arbitrary<String> text() {
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .withChars('"', '\\', 'é', '漢')
        .ofMinLength(1)
        .ofMaxLength(40);
  }

  @Property(tries = 300)
  void rightPasswordsPassAndWrongOnesDoNot(
      @ForAll("text") String user, @ForAll("text") String password) {
    Ha1Pair stored = Ha1.pair(user, REALM, password);
    CredentialLookup lookup =
        (u, r) -> u.equals(user) && r.equals(REALM) ? Optional.of(stored) : Optional.empty();
    SipRequest first = Requests.register("alice", REALM);
    Challenge c = (Challenge) auth.authenticate(first, REALM, ChallengeKind.WWW, lookup);

    SipRequest good = Requests.request("REGISTER", "sip:" + REALM, "alice", REALM, 2);
    client.authorize(good, c.response(), user, password);
    assertThat(auth.authenticate(good, REALM, ChallengeKind.WWW, lookup))
        .isEqualTo(new Authenticated(user, DigestAlgorithm.SHA_256));

    SipRequest bad = Requests.request("REGISTER", "sip:" + REALM, "alice", REALM, 3);
    client.authorize(bad, c.response(), user, password + "x");
    assertThat(auth.authenticate(bad, REALM, ChallengeKind.WWW, lookup))
        .isInstanceOf(Challenge.class);
  }
}
