package dev.switchboard.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageParserTest {
  static final String INVITE =
      "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
          + "Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;rport\r\n"
          + "Max-Forwards: 70\r\n"
          + "To: Bob <sip:bob@biloxi.example.com>\r\n"
          + "From: \"Alice A.\" <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
          + "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
          + "CSeq: 314159 INVITE\r\n"
          + "Contact: <sip:alice@pc33.atlanta.example.com>\r\n"
          + "X-Custom:   kept as is\r\n"
          + "Content-Type: application/sdp\r\n"
          + "Content-Length: 4\r\n"
          + "\r\n"
          + "v=0\n";

  private final MessageParser parser = new MessageParser();

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void parsesTheRoutingHeadersOfAnInvite() {
    SipRequest r = (SipRequest) parser.parseDatagram(bytes(INVITE));
    r.validate();
    assertThat(r.method()).isEqualTo("INVITE");
    assertThat(((SipUri) r.requestUri()).user()).isEqualTo("bob");
    assertThat(r.topVia().branch()).isEqualTo("z9hG4bK776asdhds");
    assertThat(r.topVia().hasRport()).isTrue();
    assertThat(r.topVia().port()).isEqualTo(5060);
    assertThat(r.from().tag()).isEqualTo("1928301774");
    assertThat(r.from().displayName()).isEqualTo("Alice A.");
    assertThat(r.to().tag()).isNull();
    assertThat(r.cseq()).isEqualTo(new CSeq(314159, "INVITE"));
    assertThat(r.maxForwards()).isEqualTo(70);
    assertThat(r.header("x-custom")).isEqualTo("kept as is");
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("v=0\n");
  }

  @Test
  void unchangedMessageSerialisesToTheSameBytes() {
    byte[] in = bytes(INVITE.replace("Via:", "v:   ").replace("Call-ID", "i"));
    SipMessage m = parser.parseDatagram(in);
    assertThat(m.toBytes()).isEqualTo(in);
    assertThat(m.callId()).isEqualTo("a84b4c76e66710@pc33.atlanta.example.com");
  }

  @Test
  void changedMessageIsReserialisedAndParsesBackEqual() {
    SipRequest r = (SipRequest) parser.parseDatagram(bytes(INVITE));
    r.setTopVia(r.topVia().withParam("received", "192.0.2.1").withParam("rport", "5070"));
    r.pushVia(new Via("UDP", "proxy.test", 5060, Parameters.NONE.with("branch", "z9hG4bKp1")));
    byte[] out = r.toBytes();
    SipMessage back = parser.parseDatagram(out);
    assertThat(back).isEqualTo(r);
    assertThat(back.vias()).hasSize(2);
    assertThat(back.vias().get(1).received()).isEqualTo("192.0.2.1");
    assertThat(back.popVia().host()).isEqualTo("proxy.test");
  }

  @Test
  void foldedLinesAreUnfolded() {
    String folded =
        INVITE
            .replace("Subject", "")
            .replace(
                "X-Custom:   kept as is\r\n",
                "Subject: I know you're there,\r\n   pick up the phone\r\n");
    SipMessage m = parser.parseDatagram(bytes(folded));
    assertThat(m.header("Subject")).isEqualTo("I know you're there, pick up the phone");
  }

  @Test
  void contentLengthLargerThanTheDatagramIsRejected() {
    String bad = INVITE.replace("Content-Length: 4", "Content-Length: 9999");
    assertThatThrownBy(() -> parser.parseDatagram(bytes(bad)))
        .isInstanceOf(SipParseException.class)
        .hasMessageContaining("Content-Length");
  }

  @Test
  void parsesAResponseWithoutReasonPhrase() {
    String resp =
        "SIP/2.0 100\r\nVia: SIP/2.0/UDP h.test;branch=z9hG4bK1\r\nFrom: <sip:a@h.test>;tag=1\r\n"
            + "To: <sip:b@h.test>\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
    SipResponse r = (SipResponse) parser.parseDatagram(bytes(resp));
    r.validate();
    assertThat(r.status()).isEqualTo(100);
    assertThat(r.reason()).isEmpty();
  }

  @Test
  void ipv6AndTelAndEscapes() {
    assertThat(((SipUri) Uri.parse("sip:[2001:db8::10]:5070;transport=tcp")).port())
        .isEqualTo(5070);
    assertThat(Uri.parse("tel:+1-201-555-0123;phone-context=x")).isInstanceOf(TelUri.class);
    assertThat(((SipUri) Uri.parse("sip:sips%3Auser%40example.com@example.net")).user())
        .isEqualTo("sips%3Auser%40example.com");
    assertThatThrownBy(() -> Uri.parse("sip:[2001:db8::10")).isInstanceOf(SipParseException.class);
  }

  @Test
  void framerFindsMessagesInAStream() {
    byte[] two = bytes(INVITE + INVITE);
    StreamFramer f = new StreamFramer(ParseLimits.DEFAULT);
    StreamFramer.Frame frame = f.next(two, 0, two.length);
    assertThat(frame).isEqualTo(new StreamFramer.Message(0, two.length / 2));
    assertThat(f.next(two, 0, 100)).isInstanceOf(StreamFramer.NeedMore.class);
    assertThat(f.next(bytes("\r\n\r\n"), 0, 4)).isEqualTo(new StreamFramer.KeepAlive(4, true));
  }

  @Test
  void aCopyChangesIndependently() {
    SipRequest original = (SipRequest) parser.parseDatagram(bytes(INVITE));
    SipRequest copy = original.copy();
    assertThat(copy.toBytes()).isEqualTo(original.toBytes());
    copy.pushVia(new Via("UDP", "proxy.test", 5060, Parameters.NONE.with("branch", "z9hG4bKx")));
    copy.setRequestUri(SipUri.of("bob", "192.0.2.9"));
    assertThat(copy.vias()).hasSize(2);
    assertThat(original.vias()).hasSize(1);
    assertThat(original.toBytes()).isEqualTo(bytes(INVITE));
    assertThat(original.requestUri().toString()).isEqualTo("sip:bob@biloxi.example.com");
  }
}
