package dev.switchboard.sip.transport;

import static dev.switchboard.sip.transport.TestMessages.ok;
import static dev.switchboard.sip.transport.TestMessages.options;
import static dev.switchboard.sip.transport.TestMessages.parseRequest;
import static dev.switchboard.sip.transport.TestMessages.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.message.Via;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NettyTransportUdpTest {
  private final Inbox inbox = new Inbox();
  private NettyTransport transport;
  private UdpPeer peer;

  private NettyTransport start(TransportConfig config) throws IOException {
    transport = new NettyTransport(config.withIoThreads(2), inbox).start();
    return transport;
  }

  private InetSocketAddress udp() {
    return transport.listenAddress(TransportKind.UDP);
  }

  @AfterEach
  void tearDown() {
    if (peer != null) {
      peer.close();
    }
    if (transport != null) {
      transport.close();
    }
  }

  @Test
  void requestArrivesWithReceivedAndRportStamped() throws Exception {
    start(TransportConfig.listen("127.0.0.1", 0));
    peer = new UdpPeer("127.0.0.1");
    peer.send(options("SIP/2.0/UDP 192.0.2.1:5060;rport;branch=z9hG4bK-a"), udp());

    Inbox.Arrival a = inbox.take();
    assertThat(a.source()).isEqualTo(Endpoint.udp(peer.address()));
    Via top = a.message().topVia();
    assertThat(top.received()).isEqualTo("127.0.0.1");
    assertThat(top.rport()).isEqualTo(peer.address().getPort());
    assertThat(transport.counters().messagesIn()).isEqualTo(1);
  }

  @Test
  void requestFailingValidationGets400WithTheReason() throws Exception {
    start(TransportConfig.listen("127.0.0.1", 0));
    peer = new UdpPeer("127.0.0.1");
    peer.send(request("OPTIONS", "SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-b", "INVITE", ""), udp());

    String answer = peer.receive();
    assertThat(answer).startsWith("SIP/2.0 400 Bad CSeq: method does not match");
    assertThat(answer).contains("branch=z9hG4bK-b").contains("Call-ID: call-1@example.com");
    inbox.expectNothing(100);
    assertThat(transport.counters().badRequestsAnswered()).isEqualTo(1);
  }

  @Test
  void unparseableRequestGets400FromTheSalvagedHeaders() throws Exception {
    start(TransportConfig.listen("127.0.0.1", 0));
    peer = new UdpPeer("127.0.0.1");
    String bad =
        options("SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-c")
            .replace("Content-Length: 0", "Content-Length: many");
    peer.send(bad, udp());

    assertThat(peer.receive()).startsWith("SIP/2.0 400 Bad Content-Length");
  }

  @Test
  void garbageAndBadAcksAreDroppedAndTheTransportKeepsWorking() throws Exception {
    start(TransportConfig.listen("127.0.0.1", 0));
    peer = new UdpPeer("127.0.0.1");
    peer.send("\u0000\u0001 hello there\r\n\r\n", udp());
    peer.send(request("ACK", "SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-d", "INVITE", ""), udp());
    peer.send("SIP/2.0 200 OK\r\nVia: nonsense\r\n\r\n", udp());
    peer.send("\r\n\r\n", udp());
    assertThat(peer.receive(300)).isNull();

    peer.send(options("SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-e"), udp());
    assertThat(inbox.take().message()).isInstanceOf(SipRequest.class);
    assertThat(transport.counters().dropped()).isEqualTo(3);
    assertThat(transport.counters().keepAlives()).isEqualTo(1);
    assertThat(transport.counters().badRequestsAnswered()).isZero();
  }

  @Test
  void sendWritesOneDatagram() throws Exception {
    start(TransportConfig.listen("127.0.0.1", 0));
    peer = new UdpPeer("127.0.0.1");
    String text = options("SIP/2.0/UDP 127.0.0.1:" + udp().getPort() + ";branch=z9hG4bK-f");

    transport
        .send(parseRequest(text), Endpoint.udp(peer.address()))
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS);

    assertThat(peer.receive()).isEqualTo(text);
    assertThat(transport.counters().messagesOut()).isEqualTo(1);
  }

  @Test
  void responsesNeedOurSentBy() throws Exception {
    start(TransportConfig.listen("127.0.0.1", 0));
    peer = new UdpPeer("127.0.0.1");
    peer.send(ok("SIP/2.0/UDP 192.0.2.200:5060;branch=z9hG4bK-g"), udp());
    peer.send(ok("SIP/2.0/UDP 127.0.0.1:" + udp().getPort() + ";branch=z9hG4bK-h"), udp());

    Inbox.Arrival a = inbox.take();
    assertThat(a.message()).isInstanceOf(SipResponse.class);
    assertThat(a.message().topVia().branch()).isEqualTo("z9hG4bK-h");
    inbox.expectNothing(100);
    assertThat(transport.counters().dropped()).isEqualTo(1);
  }

  @Test
  void sentByCheckCanBeTurnedOff() throws Exception {
    start(TransportConfig.listen("127.0.0.1", 0).withCheckResponseSentBy(false));
    peer = new UdpPeer("127.0.0.1");
    peer.send(ok("SIP/2.0/UDP 192.0.2.200:5060;branch=z9hG4bK-i"), udp());
    assertThat(inbox.take().message().topVia().branch()).isEqualTo("z9hG4bK-i");
  }

  @Test
  void advertisedHostCountsAsOurs() throws Exception {
    start(TransportConfig.listen("127.0.0.1", 0).withAdvertisedHosts(List.of("SIP.Example.com")));
    peer = new UdpPeer("127.0.0.1");
    peer.send(ok("SIP/2.0/UDP sip.example.COM:" + udp().getPort() + ";branch=z9hG4bK-j"), udp());
    assertThat(inbox.take().message().topVia().branch()).isEqualTo("z9hG4bK-j");
  }

  @Test
  void largeRequestToUdpGoesOverTcpWithItsViaChanged() throws Exception {
    start(TransportConfig.listen("127.0.0.1", 0));
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(5000);
      SipRequest big =
          parseRequest(
              request(
                  "MESSAGE",
                  "SIP/2.0/UDP 127.0.0.1:" + udp().getPort() + ";branch=z9hG4bK-k",
                  "MESSAGE",
                  "x".repeat(1400)));
      var sent =
          transport.send(
              big, Endpoint.udp(new InetSocketAddress("127.0.0.1", server.getLocalPort())));
      try (Socket s = server.accept()) {
        s.setSoTimeout(5000);
        String text = readMessage(s.getInputStream(), big.toBytes().length);
        assertThat(text).contains("Via: SIP/2.0/TCP 127.0.0.1:" + udp().getPort());
        assertThat(text).endsWith("x".repeat(1400));
        sent.toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(big.topVia().transport()).isEqualTo("TCP");
      }
    }
  }

  @Test
  void largeRequestFallsBackToUdpWhenTcpIsRefused() throws Exception {
    start(TransportConfig.listen("127.0.0.1", 0));
    peer = new UdpPeer("127.0.0.1"); // nothing listens on TCP at this port
    SipRequest big =
        parseRequest(
            request(
                "MESSAGE", "SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-l", "MESSAGE", "y".repeat(1400)));
    transport
        .send(big, Endpoint.udp(peer.address()))
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
    String text = peer.receive();
    assertThat(text).contains("Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-l");
    assertThat(text).endsWith("y".repeat(1400));
  }

  @Test
  void ipv6RequestGetsAnUnbracketedReceived() throws Exception {
    assumeTrue(ipv6Loopback(), "no IPv6 loopback here");
    start(TransportConfig.listen("::1", 0));
    peer = new UdpPeer("::1");
    peer.send(options("SIP/2.0/UDP [2001:db8::5]:5060;branch=z9hG4bK-m;rport"), udp());

    Inbox.Arrival a = inbox.take();
    assertThat(a.message().topVia().received()).isEqualTo("::1");
    assertThat(a.message().topVia().rport()).isEqualTo(peer.address().getPort());

    SipResponse answer = ((SipRequest) a.message()).createResponse(200, "OK");
    transport
        .send(answer, ResponseRoute.destination(answer, a.source()))
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
    assertThat(peer.receive()).startsWith("SIP/2.0 200 OK");
  }

  @Test
  void sendFailsOnceClosed() throws Exception {
    start(TransportConfig.listen("127.0.0.1", 0));
    transport.close();
    var stage =
        transport.send(
            parseRequest(options("SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-n")),
            Endpoint.udp(new InetSocketAddress("127.0.0.1", 9)));
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> stage.toCompletableFuture().isCompletedExceptionally());
  }

  static boolean ipv6Loopback() {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("::1", 0))) {
      return s.isBound();
    } catch (IOException e) {
      return false;
    }
  }

  static String readMessage(InputStream in, int length) throws IOException {
    byte[] b = in.readNBytes(length);
    return new String(b, StandardCharsets.UTF_8);
  }
}
