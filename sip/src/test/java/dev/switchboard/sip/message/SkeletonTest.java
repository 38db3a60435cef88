package dev.switchboard.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a message keeps of itself once a transaction only absorbs retransmissions. */
class SkeletonTest {
  private static final String INVITE =
      "INVITE sip:bob@b.test SIP/2.0\r\n"
          + "Via: SIP/2.0/UDP p.test;branch=z9hG4bKp1\r\n"
          + "v: SIP/2.0/UDP a.test;branch=z9hG4bKa1;rport=5060;received=192.0.2.1\r\n"
          + "Max-Forwards: 69\r\n"
          + "Route: <sip:edge.test;lr>\r\n"
          + "f: <sip:alice@a.test>;tag=1\r\n"
          + "To: <sip:bob@b.test>\r\n"
          + "Call-ID: c1@a.test\r\n"
          + "CSeq: 7 INVITE\r\n"
          + "Contact: <sip:alice@192.0.2.1>\r\n"
          + "Authorization: Digest username=\"alice\"\r\n"
          + "Content-Type: application/sdp\r\n"
          + "Content-Length: 4\r\n\r\n"
          + "v=0\n";

  private static SipRequest parse() {
    byte[] b = INVITE.getBytes(StandardCharsets.US_ASCII);
    return (SipRequest) new MessageParser().parseDatagram(b, 0, b.length);
  }

  @Test
  void aRequestKeepsItsStartLineAndIdentityHeadersInOrderAndNothingElse() {
    SipRequest r = parse();
    SipRequest s = r.skeleton();
    assertThat(s.startLine()).isEqualTo(r.startLine());
    assertThat(s.headers().all(HeaderNames.VIA))
        .containsExactly(
            "SIP/2.0/UDP p.test;branch=z9hG4bKp1",
            "SIP/2.0/UDP a.test;branch=z9hG4bKa1;rport=5060;received=192.0.2.1");
    assertThat(s.headers().all(HeaderNames.ROUTE)).containsExactly("<sip:edge.test;lr>");
    assertThat(s.maxForwards()).isEqualTo(69);
    assertThat(s.from().tag()).isEqualTo("1");
    assertThat(s.to()).isEqualTo(r.to());
    assertThat(s.callId()).isEqualTo("c1@a.test");
    assertThat(s.cseq()).isEqualTo(r.cseq());
    assertThat(s.header("Contact")).isNull();
    assertThat(s.header("Authorization")).isNull();
    assertThat(s.body()).isEmpty();
    assertThat(s.header(HeaderNames.CONTENT_LENGTH)).isEqualTo("0");
    s.validate();
  }

  @Test
  void theKeptValuesShareOneArrayOfTheirOwnNotTheDatagramNorAStringEach() {
    byte[] datagram = INVITE.getBytes(StandardCharsets.US_ASCII);
    SipRequest r = (SipRequest) new MessageParser().parseDatagram(datagram, 0, datagram.length);
    // A value held only as text, and not ASCII.
    r.setTo(Address.parse("\"Bj\u00f8rn\" <sip:bob@b.test>;tag=t1"));
    SipRequest s = r.skeleton();
    byte[] pack = null;
    for (HeaderField f : s.headers().fieldList()) {
      if (f.name().equals(HeaderNames.CONTENT_LENGTH)) {
        continue;
      }
      assertThat(f.bytes()).as(f.name()).isNotNull().isNotSameAs(datagram);
      pack = pack == null ? f.bytes() : pack;
      assertThat(f.bytes()).as(f.name()).isSameAs(pack);
    }
    assertThat(pack)
        .hasSize(
            s.headers().fieldList().stream()
                .filter(f -> !f.name().equals(HeaderNames.CONTENT_LENGTH))
                .mapToInt(f -> f.value().getBytes(StandardCharsets.UTF_8).length)
                .sum());
    assertThat(s.to().displayName()).isEqualTo("Bj\u00f8rn");
    assertThat(s.to().tag()).isEqualTo("t1");
    assertThat(s.topVia().branch()).isEqualTo("z9hG4bKp1");
  }

  @Test
  void aResponseKeepsItsStatusAndTags() {
    SipResponse ok = parse().createResponse(200, null);
    ok.setTo(ok.to().withTag("callee"));
    ok.addHeader("Contact", "<sip:bob@192.0.2.2>");
    SipResponse s = ok.skeleton();
    assertThat(s.status()).isEqualTo(200);
    assertThat(s.reason()).isEqualTo("OK");
    assertThat(s.to().tag()).isEqualTo("callee");
    assertThat(s.headers().count(HeaderNames.VIA)).isEqualTo(2);
    assertThat(s.header("Contact")).isNull();
  }
}
