package dev.switchboard.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How a changed message is written again: unread values as received, new text as UTF-8. */
class WireFormTest {
  private static final String REQUEST =
      "MESSAGE sip:bob@b.test SIP/2.0\r\n"
          + "Via: SIP/2.0/UDP a.test;branch=z9hG4bKa1\r\n"
          + "Max-Forwards: 70\r\n"
          + "From: \"Zoë 张\" <sip:zoe@a.test>;tag=1\r\n"
          + "To: <sip:bob@b.test>\r\n"
          + "Call-ID: m1@a.test\r\n"
          + "CSeq: 1 MESSAGE\r\n"
          + "Subject:   spaced out  \r\n"
          + "Content-Type: text/plain\r\n"
          + "Content-Length: 5\r\n\r\n"
          + "héllo".substring(0, 4);

  private static SipRequest parse(byte[] b) {
    return (SipRequest) new MessageParser().parseDatagram(b, 0, b.length);
  }

  @Test
  void aChangedMessageKeepsItsUntouchedLinesByteForByteAndItsBody() {
    byte[] in = REQUEST.getBytes(StandardCharsets.UTF_8);
    SipRequest r = parse(in);
    r.headers().addFirst(HeaderNames.VIA, "SIP/2.0/UDP p.test;branch=z9hG4bKp1");
    r.addHeader("X-Note", "naïve");
    String out = new String(r.toBytes(), StandardCharsets.UTF_8);
    assertThat(out)
        .startsWith(
            "MESSAGE sip:bob@b.test SIP/2.0\r\nVia: SIP/2.0/UDP p.test;branch=z9hG4bKp1\r\n")
        .contains("From: \"Zoë 张\" <sip:zoe@a.test>;tag=1\r\n")
        .contains("Subject: spaced out\r\n")
        .contains("Content-Length: 5\r\nX-Note: naïve\r\n\r\nhéll");
    SipRequest back = parse(r.toBytes());
    assertThat(back.from().displayName()).isEqualTo("Zoë 张");
    assertThat(back.header("X-Note")).isEqualTo("naïve");
    assertThat(back.body()).isEqualTo(r.body());
    assertThat(back.vias()).hasSize(2);
  }

  @Test
  void aBuiltMessageGetsAContentLengthWhenItHasNone() {
    SipRequest r = SipRequest.create("OPTIONS", Uri.parse("sip:b.test"));
    r.addHeader(HeaderNames.VIA, "SIP/2.0/UDP a.test;branch=z9hG4bKo1");
    String out = new String(r.toBytes(), StandardCharsets.UTF_8);
    assertThat(out)
        .isEqualTo(
            "OPTIONS sip:b.test SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP a.test;branch=z9hG4bKo1\r\n"
                + "Content-Length: 0\r\n\r\n");
  }
}
