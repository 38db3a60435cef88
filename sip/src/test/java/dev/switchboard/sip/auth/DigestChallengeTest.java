package dev.switchboard.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DigestChallengeTest {
  @Test
  void writesOurChallenge() {
    assertThat(
            DigestChallenge.of("example.com", "abc", DigestAlgorithm.SHA_256, false)
                .toHeaderValue())
        .isEqualTo("Digest realm=\"example.com\", nonce=\"abc\", algorithm=SHA-256, qop=\"auth\"");
    assertThat(DigestChallenge.of("example.com", "abc", DigestAlgorithm.MD5, true).toHeaderValue())
        .isEqualTo(
            "Digest realm=\"example.com\", nonce=\"abc\", algorithm=MD5, qop=\"auth\", stale=true");
  }

  @Test
  void parsesWhatOthersSend() {
    DigestChallenge c =
        DigestChallenge.parse(
            "Digest realm=\"atlanta.com\", domain=\"sip:ss1.carrier.com\", qop=\"auth,auth-int\","
                + " nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE,"
                + " algorithm=MD5");
    assertThat(c.realm()).isEqualTo("atlanta.com");
    assertThat(c.qop()).containsExactly("auth", "auth-int");
    assertThat(c.opaque()).isEmpty();
    assertThat(c.stale()).isFalse();
    assertThat(c.digestAlgorithm()).contains(DigestAlgorithm.MD5);
  }

  @Test
  void roundTripsWithEscapes() {
    DigestChallenge c =
        new DigestChallenge("we\"ird\\realm", "n", "o", "SHA-256", List.of("auth"), true);
    assertThat(DigestChallenge.parse(c.toHeaderValue())).isEqualTo(c);
  }

  @Test
  void refusesBadChallengesAndHeaderInjection() {
    assertThatThrownBy(() -> DigestChallenge.parse("Digest nonce=\"n\""))
        .hasMessage("missing realm");
    assertThatThrownBy(() -> DigestChallenge.parse("Digest realm=\"r\""))
        .hasMessage("missing nonce");
    assertThatThrownBy(() -> DigestChallenge.parse("Digest realm=\"r\", nonce=n, stale=yes"))
        .hasMessage("stale is neither true nor false");
    assertThatThrownBy(() -> DigestChallenge.parse("Digest realm=\"r\", nonce=n, qop=\"a b\""))
        .hasMessage("bad qop option");
    assertThatThrownBy(() -> DigestChallenge.of("evil\r\nVia: x", "n", DigestAlgorithm.MD5, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Found by DigestFuzzTest: a quoted algorithm with a space was taken and then written bare. */
  @Test
  void anAlgorithmThatIsNoTokenIsRefused() {
    assertThatThrownBy(
            () -> DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", algorithm=\"MD5 x\""))
        .isInstanceOf(DigestParseException.class)
        .hasMessage("algorithm is not a token");
  }
}
