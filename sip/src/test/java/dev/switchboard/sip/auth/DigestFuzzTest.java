package dev.switchboard.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.sip.message.Allocation;
import dev.switchboard.sip.message.MessageParser;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Fuzz target for digest authentication's parsers and for both of its ends. The input is one header
 * line, {@code Name: value} (seeds are real lines from baresip and SIPp, RFC examples and what we
 * send ourselves); the value is read as credentials and as a challenge, each of which parses or
 * throws {@link DigestParseException} and writes back to an equal value. The server's {@link
 * DigestAuthenticator} never throws on it and its 400 reasons stay printable; the {@link
 * DigestClient} answering it as a challenge writes credentials that parse back equal.
 */
class DigestFuzzTest {
  static final String REALM = "demo.switchboard.test";

  /** The clock and secret the seeds' nonce was issued with, so seeded credentials get verified. */
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-06-01T09:00:00Z"), ZoneOffset.UTC);

  private static final byte[] SECRET =
      "switchboard-fuzz-secret-32-bytes".getBytes(StandardCharsets.US_ASCII);
  private static final Ha1Pair USER_1001 = Ha1.pair("1001", REALM, "secret");

  /** Header values are at most 4096 characters, UTF-16, copied a few times, plus hook garbage. */
  static final long ALLOCATION_BOUND = 64L * 2 * DigestParams.MAX_HEADER_CHARS + 256 * 1024;

  private static final MessageParser PARSER = new MessageParser();

  @FuzzTest(maxDuration = "15s")
  void parse(byte[] input) {
    String line = new String(input, StandardCharsets.UTF_8);
    int colon = line.indexOf(':');
    String name = colon < 0 ? "" : line.substring(0, colon);
    String value = colon < 0 ? line : line.substring(colon + 1).strip();
    boolean proxy = name.regionMatches(true, 0, "Proxy-", 0, 6);

    parsed(() -> DigestCredentials.parse(value)).ifPresent(DigestFuzzTest::credentials);
    parsed(() -> DigestChallenge.parse(value))
        .ifPresent(c -> assertThat(DigestChallenge.parse(c.toHeaderValue())).isEqualTo(c));
    server(value, proxy ? ChallengeKind.PROXY : ChallengeKind.WWW);
    client(value, proxy ? ChallengeKind.PROXY : ChallengeKind.WWW);
  }

  private static <T> Optional<T> parsed(Supplier<T> parse) {
    try {
      return Optional.of(Allocation.bounded(ALLOCATION_BOUND, "a digest parse", parse));
    } catch (DigestParseException e) {
      assertThat(e.getMessage()).isNotEmpty();
      return Optional.empty();
    }
  }

  private static void credentials(DigestCredentials c) {
    // What the grammar promises: LHEX digests and an 8-digit nonce count (RFC 7616 §3.4).
    assertThat(c.response()).matches("[0-9a-f]+");
    if (c.nc() != null) {
      assertThat(c.nc()).matches("[0-9a-fA-F]{8}");
      assertThat(c.nonceCount()).isPositive();
    }
    c.digestAlgorithm();
    assertThat(DigestCredentials.parse(c.toHeaderValue())).isEqualTo(c);
  }

  /** The credentials in a REGISTER (or, for the proxy kind, an INVITE) sent to our server. */
  private static void server(String value, ChallengeKind kind) {
    SipRequest request = request(kind);
    request.addHeader(kind.credentialsHeader(), value);
    DigestAuthenticator server = new DigestAuthenticator(CLOCK, SECRET, Duration.ofMinutes(5));
    AuthResult result =
        server.authenticate(
            request,
            REALM,
            kind,
            (user, realm) -> user.equals("1001") ? Optional.of(USER_1001) : Optional.empty());
    SipResponse answer;
    if (result instanceof AuthResult.Rejected r) {
      answer = request.createResponse(r.status(), r.reason());
    } else if (result instanceof AuthResult.Challenge c) {
      answer = c.response();
    } else {
      answer = request.createResponse(200, null);
    }
    // The reason phrase comes from the input: it must not break the response apart.
    assertThat(PARSER.parseDatagram(answer.toBytes())).isEqualTo(answer);
  }

  /** The value as the challenge in a 401 (or 407) to a request of ours. */
  private static void client(String value, ChallengeKind kind) {
    SipRequest request = request(kind);
    SipResponse challenge = request.createResponse(kind.status(), null);
    challenge.addHeader(kind.challengeHeader(), value);
    List<DigestCredentials> added =
        new DigestClient(new Random(7)).authorize(request, challenge, "1001", "secret");
    List<String> written = request.headers().all(kind.credentialsHeader());
    assertThat(written).hasSameSizeAs(added);
    for (int i = 0; i < added.size(); i++) {
      assertThat(DigestCredentials.parse(written.get(i))).isEqualTo(added.get(i));
    }
  }

  private static SipRequest request(ChallengeKind kind) {
    String method = kind == ChallengeKind.PROXY ? "INVITE" : "REGISTER";
    String uri = kind == ChallengeKind.PROXY ? "sip:1002@" + REALM : "sip:" + REALM;
    String text =
        method
            + " "
            + uri
            + " SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK74bf9;rport\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:1001@"
            + REALM
            + ">;tag=9fxced76sl\r\n"
            + "To: <"
            + uri
            + ">\r\n"
            + "Call-ID: 3848276298220188511@192.0.2.10\r\n"
            + "CSeq: 2 "
            + method
            + "\r\n"
            + "Content-Length: 0\r\n\r\n";
    return (SipRequest) PARSER.parseDatagram(text.getBytes(StandardCharsets.US_ASCII));
  }
}
