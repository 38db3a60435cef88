package dev.switchboard.sip.transport;

import static dev.switchboard.sip.transport.TestMessages.ok;
import static dev.switchboard.sip.transport.TestMessages.parseResponse;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ResponseRouteTest {
  private static final Endpoint UDP_SOURCE =
      Endpoint.udp(new InetSocketAddress("198.51.100.7", 40000));

  private static Endpoint route(String via, Endpoint source) {
    return ResponseRoute.destination(parseResponse(ok(via)), source);
  }

  @Test
  void reliableTransportGoesBackOnTheSameConnection() {
    Endpoint source = Endpoint.tcp(new InetSocketAddress("198.51.100.7", 51234));
    assertThat(route("SIP/2.0/TCP 192.0.2.1:5070;branch=z9hG4bK1;received=198.51.100.7", source))
        .isEqualTo(source);
  }

  @Test
  void maddrWinsOverReceivedAndUsesTheSentByPort() {
    assertThat(
            route(
                "SIP/2.0/UDP 192.0.2.1:5070;branch=z9hG4bK1;maddr=239.1.1.1;received=198.51.100.7",
                UDP_SOURCE))
        .isEqualTo(Endpoint.udp(new InetSocketAddress("239.1.1.1", 5070)));
  }

  @Test
  void maddrWithoutPortUses5060() {
    assertThat(route("SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1;maddr=192.0.2.99", UDP_SOURCE))
        .isEqualTo(Endpoint.udp(new InetSocketAddress("192.0.2.99", 5060)));
  }

  @Test
  void rportGoesToReceivedAtTheRportValue() {
    assertThat(
            route(
                "SIP/2.0/UDP 192.0.2.1:5070;branch=z9hG4bK1;received=198.51.100.7;rport=40000",
                UDP_SOURCE))
        .isEqualTo(Endpoint.udp(new InetSocketAddress("198.51.100.7", 40000)));
  }

  @Test
  void emptyRportFallsBackToTheSourceAddressAndPort() {
    assertThat(route("SIP/2.0/UDP 192.0.2.1:5070;branch=z9hG4bK1;rport", UDP_SOURCE))
        .isEqualTo(UDP_SOURCE);
  }

  @Test
  void receivedWithoutRportUsesTheSentByPort() {
    assertThat(
            route("SIP/2.0/UDP 192.0.2.1:5070;branch=z9hG4bK1;received=198.51.100.7", UDP_SOURCE))
        .isEqualTo(Endpoint.udp(new InetSocketAddress("198.51.100.7", 5070)));
  }

  @Test
  void receivedWithoutAnyPortUses5060() {
    assertThat(route("SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1;received=198.51.100.7", UDP_SOURCE))
        .isEqualTo(Endpoint.udp(new InetSocketAddress("198.51.100.7", 5060)));
  }

  @Test
  void plainSentByIpAndPort() {
    assertThat(route("SIP/2.0/UDP 192.0.2.1:5070;branch=z9hG4bK1", UDP_SOURCE))
        .isEqualTo(Endpoint.udp(new InetSocketAddress("192.0.2.1", 5070)));
  }

  @Test
  void sentByHostNameComesBackUnresolved() {
    Endpoint e = route("SIP/2.0/UDP pc33.example.com;branch=z9hG4bK1", UDP_SOURCE);
    assertThat(e.address().isUnresolved()).isTrue();
    assertThat(e.address().getHostString()).isEqualTo("pc33.example.com");
    assertThat(e.address().getPort()).isEqualTo(5060);
  }

  @Test
  void ipv6SentByAndReceived() {
    assertThat(route("SIP/2.0/UDP [2001:db8::1]:5070;branch=z9hG4bK1", UDP_SOURCE))
        .isEqualTo(Endpoint.udp(new InetSocketAddress("2001:db8::1", 5070)));
    assertThat(
            route(
                "SIP/2.0/UDP [2001:db8::1]:5070;branch=z9hG4bK1;received=2001:db8::9;rport=4000",
                UDP_SOURCE))
        .isEqualTo(Endpoint.udp(new InetSocketAddress("2001:db8::9", 4000)));
  }

  @Test
  void tlsSentByWithoutPortDefaultsTo5061AfterConnectionLoss() {
    Endpoint source = new Endpoint(TransportKind.TLS, new InetSocketAddress("198.51.100.7", 51234));
    assertThat(
            ResponseRoute.afterConnectionLoss(
                parseResponse(ok("SIP/2.0/TLS 192.0.2.1;branch=z9hG4bK1;received=198.51.100.7")),
                source))
        .isEqualTo(new Endpoint(TransportKind.TLS, new InetSocketAddress("198.51.100.7", 5061)));
  }

  @Test
  void connectionLossWithoutReceivedUsesSentBy() {
    Endpoint source = Endpoint.tcp(new InetSocketAddress("198.51.100.7", 51234));
    assertThat(
            ResponseRoute.afterConnectionLoss(
                parseResponse(ok("SIP/2.0/TCP 192.0.2.1:5070;branch=z9hG4bK1")), source))
        .isEqualTo(Endpoint.tcp(new InetSocketAddress("192.0.2.1", 5070)));
  }
}
