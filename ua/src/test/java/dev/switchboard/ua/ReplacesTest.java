package dev.switchboard.ua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.sip.message.SipParseException;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.sip.message.Uri;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The Replaces value in a Refer-To URI and back, and the sipfrag status a NOTIFY reports. */
class ReplacesTest {

  @Test
  void survivesTheTripThroughAReferToUri() {
    Replaces r = new Replaces("a84b4c76e66710@pc33.example.com", "8321234356", "1928301774");
    SipUri uri = (SipUri) Uri.parse("sip:1003@a.test?Replaces=" + r.uriEscaped());
    assertThat(r.uriEscaped()).doesNotContain("@", ";", "=");
    String value = SipUri.unescape(uri.headers().substring("Replaces=".length()));
    assertThat(Replaces.parse(value)).isEqualTo(r);
    assertThat(value)
        .isEqualTo("a84b4c76e66710@pc33.example.com;to-tag=8321234356;from-tag=1928301774");
  }

  @Test
  void aValueWithoutItsTagsIsRefused() {
    assertThatThrownBy(() -> Replaces.parse("abc@host;to-tag=1"))
        .isInstanceOf(SipParseException.class);
    assertThat(Replaces.parse("abc@host;from-tag=2;early-only;to-tag=1"))
        .isEqualTo(new Replaces("abc@host", "1", "2"));
  }

  @Test
  void readsTheStatusOfASipfrag() {
    assertThat(Call.sipfragStatus(bytes("SIP/2.0 200 OK\r\n"))).isEqualTo(200);
    assertThat(Call.sipfragStatus(bytes("SIP/2.0 100 Trying"))).isEqualTo(100);
    assertThat(Call.sipfragStatus(bytes("SIP/2.0 486 Busy Here\r\nContent-Length: 0\r\n")))
        .isEqualTo(486);
    assertThat(Call.sipfragStatus(bytes("HTTP/1.1 200 OK"))).isEqualTo(-1);
    assertThat(Call.sipfragStatus(bytes("SIP/2.0 2000 Nope"))).isEqualTo(-1);
    assertThat(Call.sipfragStatus(bytes(""))).isEqualTo(-1);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
