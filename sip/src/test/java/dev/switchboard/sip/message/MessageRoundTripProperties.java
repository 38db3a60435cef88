package dev.switchboard.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Property tests: what we serialise parses back equal, and no input escapes as another error. */
class MessageRoundTripProperties {
  private final MessageParser parser = new MessageParser();

  @Property(tries = 500)
  void parseOfSerialisedRequestIsEqual(@ForAll("requests") SipRequest request) {
    byte[] wire = request.toBytes();
    SipMessage back = parser.parseDatagram(wire);
    assertThat(back).isEqualTo(request);
    ((SipRequest) back).validate();
    assertThat(back.toBytes()).isEqualTo(wire);
  }

  @Property(tries = 300)
  void parseOfSerialisedResponseIsEqual(
      @ForAll("requests") SipRequest request, @ForAll("statuses") int status) {
    SipResponse response = request.createResponse(status, null);
    response.setTo(response.to().withTag("t" + status));
    SipMessage back = parser.parseDatagram(response.toBytes());
    assertThat(back).isEqualTo(response);
    ((SipResponse) back).validate();
  }

  @Property(tries = 2000)
  void mutatedInputOnlyEverFailsWithAParseError(
      @ForAll("requests") SipRequest request,
      @ForAll("mutations") List<int[]> mutations,
      @ForAll int cut) {
    byte[] wire = request.toBytes().clone();
    for (int[] m : mutations) {
      wire[Math.floorMod(m[0], wire.length)] = (byte) m[1];
    }
    int len = Math.floorMod(cut, wire.length + 1);
    try {
      SipMessage m = parser.parseDatagram(wire, 0, len);
      if (m instanceof SipRequest r) {
        r.validate();
        r.contacts();
        r.vias();
      } else {
        ((SipResponse) m).validate();
      }
    } catch (SipParseException expected) {
      SipResponse answer = parser.badRequest(wire, 0, len, expected);
      if (answer != null) {
        assertThat(answer.status()).isEqualTo(400);
        assertThat(parser.parseDatagram(answer.toBytes())).isEqualTo(answer);
      }
    }
  }

  @Provide
  Arbitrary<List<int[]>> mutations() {
    Arbitrary<int[]> one =
        Combinators.combine(
                Arbitraries.integers().between(0, 4000),
                Arbitraries.of(0, 32, 13, 10, 58, 59, 44, 60, 62, 34, 92, 64, 37, 0xff, 97, 61))
            .as((pos, b) -> new int[] {pos, b});
    return one.list().ofMinSize(1).ofMaxSize(4);
  }

  @Provide
  Arbitrary<Integer> statuses() {
    return Arbitraries.of(100, 180, 183, 200, 202, 302, 401, 404, 407, 486, 487, 500, 503, 603);
  }

  private static Arbitrary<String> token() {
    return Arbitraries.strings()
        .withChars("abcdefghijklmnopqrstuvwxyzABCDEFXYZ0123456789-.!%*_+`'~")
        .ofMinLength(1)
        .ofMaxLength(12);
  }

  private static Arbitrary<String> paramText() {
    return Arbitraries.strings()
        .withChars("abcdefghijklmnopqrstuvwxyzXYZ0123456789-_.!~*'()[]/:&+$")
        .ofMinLength(1)
        .ofMaxLength(10);
  }

  private static Arbitrary<String> hostname() {
    Arbitrary<String> label =
        Arbitraries.strings()
            .withChars("abcdefghijklmnopqrstuvwxyz0123456789")
            .ofMinLength(1)
            .ofMaxLength(10);
    return label.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l));
  }

  private static Arbitrary<String> host() {
    return Arbitraries.oneOf(
        hostname(),
        Arbitraries.integers()
            .between(0, 255)
            .list()
            .ofSize(4)
            .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3)),
        Arbitraries.of("[2001:db8::1]", "[::1]", "[fe80::1:2:3:4]"));
  }

  private static Arbitrary<SipUri> sipUri() {
    Arbitrary<String> user =
        Arbitraries.strings()
            .withChars("abcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()&=+$,?/")
            .ofMinLength(1)
            .ofMaxLength(12)
            .injectNull(0.2);
    Arbitrary<Integer> port = Arbitraries.integers().between(-1, 65535);
    Arbitrary<Parameters> params =
        Combinators.combine(paramText(), paramText().injectNull(0.3))
            .as(Parameters.Param::new)
            .list()
            .ofMaxSize(3)
            .map(Parameters::of);
    return Combinators.combine(Arbitraries.of(true, false), user, host(), port, params)
        .as((secure, u, h, p, ps) -> new SipUri(secure, u, null, h, p, ps, null));
  }

  private static Arbitrary<Address> address() {
    Arbitrary<String> display =
        Arbitraries.strings()
            .withChars("abc XYZ 012 \"\\ 中文 é")
            .ofMaxLength(16)
            .map(Lexer::quote)
            .injectNull(0.4);
    return Combinators.combine(display, sipUri(), token())
        .as((d, u, tag) -> new Address(d, u, true, Parameters.NONE.with("tag", tag)));
  }

  @Provide
  Arbitrary<SipRequest> requests() {
    Arbitrary<String> method =
        Arbitraries.of("INVITE", "REGISTER", "OPTIONS", "BYE", "MESSAGE", "SUBSCRIBE", "NEWMETHOD");
    Arbitrary<String> unknownValue =
        Arbitraries.strings()
            .withChars("abc xyz,;=<>\"@:/\t中")
            .ofMinLength(1)
            .ofMaxLength(30)
            .map(String::strip)
            .filter(s -> !s.isEmpty());
    Arbitrary<byte[]> body = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    return Combinators.combine(
            method,
            sipUri(),
            address(),
            address(),
            token(),
            Arbitraries.longs().between(0, CSeq.MAX),
            unknownValue,
            body)
        .as(
            (m, uri, from, to, callId, seq, extra, b) -> {
              SipRequest r = SipRequest.create(m, uri);
              r.pushVia(
                  new Via(
                      "UDP",
                      "client.test",
                      5060,
                      Parameters.NONE.with("branch", "z9hG4bK" + callId)));
              r.setHeader(HeaderNames.MAX_FORWARDS, "70");
              r.setFrom(from);
              r.setTo(to.withoutParam("tag"));
              r.setHeader(HeaderNames.CALL_ID, callId + "@client.test");
              r.setHeader(HeaderNames.CSEQ, new CSeq(seq, m).toString());
              r.addHeader("X-Extra", extra);
              r.setBody(b, b.length == 0 ? null : "application/octet-stream");
              return r;
            });
  }

  @Property(tries = 50)
  void compactAndFullNamesAreTheSameHeader(@ForAll("requests") SipRequest request) {
    String text = new String(request.toBytes(), StandardCharsets.ISO_8859_1);
    String compact = text.replace("\r\nVia:", "\r\nv:").replace("\r\nCall-ID:", "\r\ni:");
    SipMessage m = parser.parseDatagram(compact.getBytes(StandardCharsets.ISO_8859_1));
    assertThat(m).isEqualTo(request);
  }
}
