package dev.switchboard.sip.transport;

import static dev.switchboard.sip.transport.TestMessages.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.sip.message.SipRequest;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NettyTransportLifecycleTest {

  private static long ioThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("sip-io-"))
        .count();
  }

  @Test
  void ephemeralUdpAndTcpShareOnePort() throws Exception {
    try (NettyTransport t =
        new NettyTransport(TransportConfig.listen("127.0.0.1", 0), new Inbox()).start()) {
      InetSocketAddress udp = t.listenAddress(TransportKind.UDP);
      InetSocketAddress tcp = t.listenAddress(TransportKind.TCP);
      assertThat(udp.getPort()).isPositive().isEqualTo(tcp.getPort());
      assertThat(udp.getAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
      assertThat(t.listenAddress(TransportKind.TLS)).isNull();
    }
  }

  @Test
  void closeStopsEveryThreadAndFreesThePorts() throws Exception {
    Inbox inbox = new Inbox();
    NettyTransport t = new NettyTransport(TransportConfig.listen("127.0.0.1", 0), inbox).start();
    int port = t.listenAddress(TransportKind.UDP).getPort();
    try (TcpPeer peer = TcpPeer.connect(t.listenAddress(TransportKind.TCP))) {
      peer.write(options("SIP/2.0/TCP 127.0.0.1;branch=z9hG4bK-c1"));
      inbox.take();
      assertThat(ioThreads()).isPositive();
      t.close();
      assertThat(peer.closedWithin(5000)).isTrue();
    }
    t.close(); // idempotent
    await().atMost(Duration.ofSeconds(5)).until(() -> ioThreads() == 0);
    assertThat(t.listenAddress(TransportKind.UDP)).isNull();
    assertThat(t.counters().connectionsOpen()).isZero();

    try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", port));
        ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThat(udp.getLocalPort()).isEqualTo(tcp.getLocalPort());
    }
    try (NettyTransport again =
        new NettyTransport(TransportConfig.listen("127.0.0.1", port), inbox).start()) {
      assertThat(again.listenAddress(TransportKind.TCP).getPort()).isEqualTo(port);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> ioThreads() == 0);
  }

  @Test
  void portTakenFailsStartAndLeavesNothingRunning() throws Exception {
    try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      NettyTransport t =
          new NettyTransport(
              TransportConfig.listen("127.0.0.1", taken.getLocalPort()), new Inbox());
      assertThatThrownBy(t::start).isInstanceOf(BindException.class).hasMessageContaining("UDP");
      await().atMost(Duration.ofSeconds(5)).until(() -> ioThreads() == 0);
      assertThatThrownBy(t::start).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void ipv4AndIpv6LoopbackShareThePort() throws Exception {
    assumeTrue(NettyTransportUdpTest.ipv6Loopback(), "no IPv6 loopback here");
    Inbox inbox = new Inbox();
    TransportConfig config =
        TransportConfig.listen("127.0.0.1", 0).withBindAddresses(List.of("127.0.0.1", "::1"));
    try (NettyTransport t = new NettyTransport(config, inbox).start();
        UdpPeer v6 = new UdpPeer("::1")) {
      List<InetSocketAddress> udp = t.listenAddresses(TransportKind.UDP);
      assertThat(udp).hasSize(2);
      assertThat(udp.get(1).getPort()).isEqualTo(udp.get(0).getPort());
      assertThat(t.listenAddresses(TransportKind.TCP)).hasSize(2);

      v6.send(options("SIP/2.0/UDP [::1]:5060;branch=z9hG4bK-c2"), udp.get(1));
      Inbox.Arrival a = inbox.take();
      assertThat(a.source()).isEqualTo(Endpoint.udp(v6.address()));
      // Forced rport (RFC 3581) records received even though sent-by matches the source.
      assertThat(a.message().topVia().received()).isEqualTo("::1");

      // Answering over IPv6 picks the IPv6 socket.
      var answer = ((SipRequest) a.message()).createResponse(200, "OK");
      t.send(answer, a.source()).toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertThat(v6.receive()).startsWith("SIP/2.0 200 OK");
    }
  }

  @Test
  void configRejectsNamesAndNonsense() {
    assertThatThrownBy(() -> TransportConfig.listen("localhost", 5060))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TransportConfig.listen("127.0.0.1", 70000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TransportConfig.listen("127.0.0.1", 0).withPorts(-1, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tcpOnlyTransportHasNoUdp() throws Exception {
    try (NettyTransport t =
        new NettyTransport(TransportConfig.listen("127.0.0.1", 0).withPorts(-1, 0), new Inbox())
            .start()) {
      assertThat(t.listenAddress(TransportKind.UDP)).isNull();
      assertThat(t.listenAddress(TransportKind.TCP)).isNotNull();
      var stage =
          t.send(
              TestMessages.parseRequest(options("SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-c3")),
              Endpoint.udp(new InetSocketAddress("127.0.0.1", 9)));
      assertThat(stage.toCompletableFuture().isCompletedExceptionally()).isTrue();
    }
  }
}
