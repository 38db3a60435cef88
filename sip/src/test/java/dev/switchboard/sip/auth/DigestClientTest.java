package dev.switchboard.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.sip.message.HeaderNames;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DigestClientTest {
  final DigestClient client = new DigestClient(new Random(1));

  static SipResponse challenge(int status, String... headers) {
    SipResponse r = Requests.register("alice", "example.com").createResponse(status, null);
    for (String h : headers) {
      r.addHeader(ChallengeKind.forStatus(status).challengeHeader(), h);
    }
    return r;
  }

  @Test
  void prefersSha256InWhateverOrderTheChallengesCome() {
    SipResponse c =
        challenge(
            401,
            "Digest realm=\"example.com\", nonce=\"n1\", algorithm=MD5, qop=\"auth\"",
            "Digest realm=\"example.com\", nonce=\"n2\", algorithm=SHA-256, qop=\"auth\"");
    SipRequest r = Requests.register("alice", "example.com");
    List<DigestCredentials> sent = client.authorize(r, c, "alice", "secret");
    assertThat(sent).singleElement().satisfies(s -> assertThat(s.nonce()).isEqualTo("n2"));
    DigestCredentials onWire = DigestCredentials.parse(r.header(HeaderNames.AUTHORIZATION));
    assertThat(onWire).isEqualTo(sent.get(0));
    assertThat(onWire.uri()).isEqualTo("sip:example.com");
    assertThat(onWire.nc()).isEqualTo("00000001");
    assertThat(onWire.qop()).isEqualTo("auth");
    String expected =
        DigestResponse.compute(
            DigestAlgorithm.SHA_256,
            Ha1.sha256("alice", "example.com", "secret"),
            "n2",
            "00000001",
            onWire.cnonce(),
            "auth",
            "REGISTER",
            "sip:example.com");
    assertThat(onWire.response()).isEqualTo(expected);
  }

  @Test
  void echoesOpaqueAndAnswersEachRealm() {
    SipResponse c =
        challenge(
            407,
            "Digest realm=\"a.example\", nonce=\"n1\", opaque=\"o1\", qop=\"auth-int,auth\"",
            "Digest realm=\"b.example\", nonce=\"n2\", algorithm=SHA-256, qop=\"auth\"");
    SipRequest r = Requests.register("alice", "example.com");
    List<DigestCredentials> sent = client.authorize(r, c, "alice", "secret");
    assertThat(sent).extracting(DigestCredentials::realm).containsExactly("a.example", "b.example");
    assertThat(sent.get(0).opaque()).isEqualTo("o1");
    assertThat(r.headers().all(HeaderNames.PROXY_AUTHORIZATION)).hasSize(2);
    assertThat(r.header(HeaderNames.AUTHORIZATION)).isNull();
  }

  @Test
  void skipsWhatItCannotAnswer() {
    SipResponse c =
        challenge(
            401,
            "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256, qop=\"auth\"",
            "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256",
            "Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"",
            "Digest realm=\"r\"",
            "Basic realm=\"r\"");
    SipRequest r = Requests.register("alice", "example.com");
    assertThat(client.authorize(r, c, "alice", "secret")).isEmpty();
    assertThat(r.header(HeaderNames.AUTHORIZATION)).isNull();
  }

  @Test
  void refusesResponsesThatAreNotChallenges() {
    SipResponse ok = Requests.register("alice", "example.com").createResponse(200, null);
    assertThatThrownBy(() -> client.authorize(Requests.register("a", "b"), ok, "alice", "secret"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
