package dev.switchboard.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.sip.auth.AuthResult.Cause;
import dev.switchboard.sip.message.SipResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The authenticator writes its challenges in the configured order, for 401 and 407 alike. */
class ChallengeOrderTest {
  private static final byte[] SECRET = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  private static List<String> challenges(ChallengeOrder order, ChallengeKind kind) {
    DigestAuthenticator auth =
        new DigestAuthenticator(
            Clock.systemUTC(), SECRET, DigestAuthenticator.DEFAULT_NONCE_LIFETIME, order);
    SipResponse r =
        auth.challenge(
                Requests.request("INVITE", "sip:bob@a.test", "alice", "a.test", 1),
                "a.test",
                kind,
                Cause.NO_CREDENTIALS)
            .response();
    return r.headers().all(kind.challengeHeader());
  }

  @Test
  void sha256ComesFirstByDefault() {
    DigestAuthenticator auth =
        new DigestAuthenticator(
            Clock.systemUTC(), SECRET, DigestAuthenticator.DEFAULT_NONCE_LIFETIME);
    assertThat(auth.challengeOrder()).isEqualTo(ChallengeOrder.SHA256_FIRST);
    List<String> offers = challenges(ChallengeOrder.SHA256_FIRST, ChallengeKind.WWW);
    assertThat(offers).hasSize(2);
    assertThat(offers.get(0)).contains("algorithm=SHA-256");
    assertThat(offers.get(1)).contains("algorithm=MD5");
  }

  @Test
  void md5FirstPutsMd5FirstIn401And407() {
    for (ChallengeKind kind : ChallengeKind.values()) {
      List<String> offers = challenges(ChallengeOrder.MD5_FIRST, kind);
      assertThat(offers).as(kind.name()).hasSize(2);
      assertThat(offers.get(0)).contains("algorithm=MD5");
      assertThat(offers.get(1)).contains("algorithm=SHA-256");
    }
  }

  @Test
  void md5OnlyOffersOneChallenge() {
    List<String> offers = challenges(ChallengeOrder.MD5_ONLY, ChallengeKind.WWW);
    assertThat(offers).hasSize(1);
    assertThat(offers.get(0)).contains("algorithm=MD5");
  }

  @Test
  void labelsParseBackAndOthersAreRefused() {
    for (ChallengeOrder o : ChallengeOrder.values()) {
      assertThat(ChallengeOrder.parse(o.label())).isEqualTo(o);
    }
    assertThat(ChallengeOrder.parse(" MD5-First ")).isEqualTo(ChallengeOrder.MD5_FIRST);
    assertThatThrownBy(() -> ChallengeOrder.parse("md5"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
