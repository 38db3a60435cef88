package dev.switchboard.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sip.auth.AuthResult.Challenge;
import dev.switchboard.sip.auth.AuthResult.Rejected;
import dev.switchboard.sip.message.HeaderNames;
import dev.switchboard.sip.message.SipRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Garbage headers must only ever yield a parse error, a 400 or a challenge. */
class DigestHeaderProperties {
  final DigestAuthenticator auth =
      new DigestAuthenticator(
          new MutableClock(1_700_000_000_000L),
          "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8),
          Duration.ofMinutes(5));

  @Provide
  Arbitrary<String> headers() {
    Arbitrary<String> anything = Arbitraries.strings().ofMaxLength(200);
    Arbitrary<String> pieces =
        Arbitraries.of(
            "Digest",
            " ",
            "\t",
            "\r\n ",
            ",",
            "=",
            "\"",
            "\\",
            "username",
            "realm",
            "example.com",
            "nonce",
            "uri",
            "response",
            "qop",
            "auth",
            "nc",
            "00000001",
            "cnonce",
            "algorithm",
            "SHA-256",
            "MD5",
            "userhash",
            "true",
            "opaque",
            "0123abcd",
            "\u0000",
            "é",
            "x");
    Arbitrary<String> structured = pieces.list().ofMaxSize(40).map(l -> String.join("", l));
    Arbitrary<String> mutated =
        Combinators.combine(
                Arbitraries.integers().between(0, 300),
                Arbitraries.chars(),
                Arbitraries.of(true, false))
            .as(
                (at, c, insert) -> {
                  String valid =
                      "Digest username=\"alice\", realm=\"example.com\", nonce=\"n\","
                          + " uri=\"sip:example.com\", response=\"0123\", qop=auth,"
                          + " nc=00000001, cnonce=\"c\", algorithm=SHA-256";
                  int i = Math.min(at, valid.length() - 1);
                  return insert
                      ? valid.substring(0, i) + c + valid.substring(i)
                      : valid.substring(0, i) + valid.substring(i + 1);
                });
    return Arbitraries.oneOf(anything, structured, mutated);
  }

  @Property(tries = 2000)
  void parsingThrowsOnlyParseErrors(@ForAll("headers") String header) {
    try {
      DigestCredentials c = DigestCredentials.parse(header);
      assertThat(DigestCredentials.parse(c.toHeaderValue())).isEqualTo(c);
    } catch (DigestParseException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
    try {
      DigestChallenge.parse(header);
    } catch (DigestParseException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 2000)
  void authenticatingNeverThrows(@ForAll @Size(max = 10) List<@From("headers") String> headers) {
    SipRequest r = Requests.register("alice", "example.com");
    headers.forEach(h -> r.addHeader(HeaderNames.AUTHORIZATION, h));
    AuthResult result =
        auth.authenticate(r, "example.com", ChallengeKind.WWW, (u, realm) -> Optional.empty());
    assertThat(result).isInstanceOfAny(Challenge.class, Rejected.class);
    if (result instanceof Rejected rej) {
      assertThat(rej.status()).isEqualTo(400);
      assertThat(rej.reason()).matches("[ -~]{1,120}");
    }
  }
}
