package dev.switchboard.sip.transport;

import static dev.switchboard.sip.transport.TestMessages.options;
import static dev.switchboard.sip.transport.TestMessages.parseRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sip.message.Via;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ViaStamperTest {

  private static Via via(String text) {
    return parseRequest(options(text)).topVia();
  }

  private static String stamp(String via, String ip, int port) {
    return ViaStamper.stamp(via(via), new InetSocketAddress(ip, port)).toString();
  }

  @Test
  void sameAddressWithoutRportIsLeftAlone() {
    Via v = via("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1");
    assertThat(ViaStamper.stamp(v, new InetSocketAddress("192.0.2.1", 5060))).isSameAs(v);
  }

  @Test
  void differentAddressGetsReceived() {
    assertThat(stamp("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1", "198.51.100.7", 5060))
        .isEqualTo("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1;received=198.51.100.7");
  }

  @Test
  void hostNameAlwaysGetsReceived() {
    assertThat(stamp("SIP/2.0/TCP pc33.example.com;branch=z9hG4bK1", "192.0.2.1", 40000))
        .isEqualTo("SIP/2.0/TCP pc33.example.com;branch=z9hG4bK1;received=192.0.2.1");
  }

  @Test
  void emptyRportIsFilledAndReceivedAddedEvenWhenEqual() {
    assertThat(stamp("SIP/2.0/UDP 192.0.2.1:5060;rport;branch=z9hG4bK1", "192.0.2.1", 40000))
        .isEqualTo("SIP/2.0/UDP 192.0.2.1:5060;rport=40000;branch=z9hG4bK1;received=192.0.2.1");
  }

  @Test
  void rportWithAValueIsKept() {
    assertThat(stamp("SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1;rport=7000", "198.51.100.7", 40000))
        .isEqualTo("SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1;rport=7000;received=198.51.100.7");
  }

  @Test
  void ipv6ReceivedIsWrittenWithoutBrackets() {
    assertThat(
            stamp("SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bK1", "2001:db8:0:0:0:0:0:9", 5060))
        .isEqualTo("SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bK1;received=2001:db8::9");
  }

  @Test
  void ipv6SentByInBracketsMatchesItsSource() {
    Via v = via("SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bK1");
    assertThat(ViaStamper.stamp(v, new InetSocketAddress("2001:db8:0::1", 5060))).isSameAs(v);
  }

  @Test
  void forcedRportSendsAnswersToTheSourcePortEvenWhenTheClientDidNotAsk() {
    Via v = via("SIP/2.0/UDP phone.lan:5060;branch=z9hG4bK1");
    Via stamped =
        ViaStamper.stamp(ViaStamper.withRport(v), new InetSocketAddress("192.0.2.9", 40001));
    assertThat(stamped.received()).isEqualTo("192.0.2.9");
    assertThat(stamped.rport()).isEqualTo(40001);
    assertThat(ViaStamper.stamp(v, new InetSocketAddress("192.0.2.9", 40001)).hasRport()).isFalse();
  }
}
