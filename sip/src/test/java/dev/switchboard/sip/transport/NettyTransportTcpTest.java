package dev.switchboard.sip.transport;

import static dev.switchboard.sip.transport.TestMessages.bytes;
import static dev.switchboard.sip.transport.TestMessages.ok;
import static dev.switchboard.sip.transport.TestMessages.options;
import static dev.switchboard.sip.transport.TestMessages.parseRequest;
import static dev.switchboard.sip.transport.TestMessages.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.sip.message.ParseLimits;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NettyTransportTcpTest {
  private final Inbox inbox = new Inbox();
  private NettyTransport transport;

  private void start(TransportConfig config) throws IOException {
    transport = new NettyTransport(config.withIoThreads(2), inbox).start();
  }

  private InetSocketAddress tcp() {
    return transport.listenAddress(TransportKind.TCP);
  }

  private String via(String branch) {
    return "SIP/2.0/TCP 127.0.0.1:" + tcp().getPort() + ";branch=" + branch;
  }

  @AfterEach
  void tearDown() {
    if (transport != null) {
      transport.close();
    }
  }

  @Test
  void twoMessagesInOneSegment() throws Exception {
    start(TransportConfig.listen("127.0.0.1", 0));
    try (TcpPeer peer = TcpPeer.connect(tcp())) {
      peer.write(
          options("SIP/2.0/TCP 192.0.2.1;branch=z9hG4bK-1")
              + request("MESSAGE", "SIP/2.0/TCP 192.0.2.1;branch=z9hG4bK-2", "MESSAGE", "hi"));
      Inbox.Arrival first = inbox.take();
      Inbox.Arrival second = inbox.take();
      assertThat(first.message().topVia().branch()).isEqualTo("z9hG4bK-1");
      assertThat(first.message().topVia().received()).isEqualTo("127.0.0.1");
      assertThat(second.message().body()).isEqualTo(bytes("hi"));
      assertThat(second.source()).isEqualTo(Endpoint.tcp(peer.address()));
    }
  }

  @Test
  void oneMessageSplitByteByByte() throws Exception {
    start(TransportConfig.listen("127.0.0.1", 0));
    byte[] all =
        bytes(
            request("MESSAGE", "SIP/2.0/TCP 127.0.0.1;branch=z9hG4bK-3", "MESSAGE", "a\r\n\r\nb"));
    try (TcpPeer peer = TcpPeer.connect(tcp())) {
      for (byte b : all) {
        peer.write(new byte[] {b});
      }
      assertThat(inbox.take().message().body()).isEqualTo(bytes("a\r\n\r\nb"));
    }
  }

  @Test
  void keepAlivePingGetsAPong() throws Exception {
    start(TransportConfig.listen("127.0.0.1", 0));
    try (TcpPeer peer = TcpPeer.connect(tcp())) {
      peer.write("\r\n\r\n");
      assertThat(peer.read(2)).isEqualTo("\r\n");
      peer.write("\r\n");
      peer.write("\r\n" + options("SIP/2.0/TCP 127.0.0.1;branch=z9hG4bK-4"));
      assertThat(peer.read(2)).isEqualTo("\r\n");
      assertThat(inbox.take().message().topVia().branch()).isEqualTo("z9hG4bK-4");
      assertThat(transport.counters().keepAlives()).isEqualTo(2);
    }
  }

  @Test
  void missingContentLengthClosesTheConnectionAfterA400() throws Exception {
    start(TransportConfig.listen("127.0.0.1", 0));
    try (TcpPeer peer = TcpPeer.connect(tcp())) {
      peer.write(
          options("SIP/2.0/TCP 127.0.0.1;branch=z9hG4bK-5").replace("Content-Length: 0\r\n", ""));
      String answer = peer.readToEnd();
      assertThat(answer).startsWith("SIP/2.0 400 Bad Content-Length: missing Content-Length");
    }
    inbox.expectNothing(100);
    await().atMost(Duration.ofSeconds(5)).until(() -> transport.counters().connectionsOpen() == 0);
  }

  @Test
  void oversizedMessageClosesTheConnection() throws Exception {
    start(TransportConfig.listen("127.0.0.1", 0).withLimits(new ParseLimits(2048, 64, 1024, 1024)));
    try (TcpPeer peer = TcpPeer.connect(tcp())) {
      peer.write("OPTIONS sip:bob@example.com SIP/2.0\r\nX-Pad: " + "p".repeat(3000));
      assertThat(peer.closedWithin(5000)).isTrue();
    }
    // The listener itself is fine.
    try (TcpPeer peer = TcpPeer.connect(tcp())) {
      peer.write(options("SIP/2.0/TCP 127.0.0.1;branch=z9hG4bK-6"));
      assertThat(inbox.take().message().topVia().branch()).isEqualTo("z9hG4bK-6");
    }
  }

  @Test
  void invalidRequestOnAConnectionGets400AndTheConnectionStays() throws Exception {
    start(TransportConfig.listen("127.0.0.1", 0));
    try (TcpPeer peer = TcpPeer.connect(tcp())) {
      peer.write(request("OPTIONS", "SIP/2.0/TCP 127.0.0.1;branch=z9hG4bK-7", "BYE", ""));
      assertThat(peer.readUntil("\r\n\r\n")).startsWith("SIP/2.0 400 Bad CSeq");
      peer.write(options("SIP/2.0/TCP 127.0.0.1;branch=z9hG4bK-8"));
      assertThat(inbox.take().message().topVia().branch()).isEqualTo("z9hG4bK-8");
    }
  }

  @Test
  void responseGoesBackOnTheRequestsConnectionAndIsReused() throws Exception {
    start(TransportConfig.listen("127.0.0.1", 0));
    try (TcpPeer peer = TcpPeer.connect(tcp())) {
      peer.write(options("SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bK-9"));
      Inbox.Arrival a = inbox.take();
      SipResponse answer = ((SipRequest) a.message()).createResponse(200, "OK");
      Endpoint back = ResponseRoute.destination(answer, a.source());
      assertThat(back).isEqualTo(Endpoint.tcp(peer.address()));

      transport.send(answer, back).toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertThat(peer.readUntil("\r\n\r\n")).startsWith("SIP/2.0 200 OK");

      // A new request to the same address reuses the connection rather than opening one.
      SipRequest again = parseRequest(options(via("z9hG4bK-10")));
      transport.send(again, back).toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertThat(peer.readUntil("\r\n\r\n")).startsWith("OPTIONS sip:bob@example.com");
      assertThat(transport.counters().connectionsOpen()).isEqualTo(1);
    }
  }

  @Test
  void outboundConnectionIsOpenedOnceAndCarriesTheResponsesBack() throws Exception {
    start(TransportConfig.listen("127.0.0.1", 0));
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(5000);
      Endpoint to = Endpoint.tcp((InetSocketAddress) server.getLocalSocketAddress());
      transport
          .send(parseRequest(options(via("z9hG4bK-11"))), to)
          .toCompletableFuture()
          .get(5, TimeUnit.SECONDS);
      transport
          .send(parseRequest(options(via("z9hG4bK-12"))), to)
          .toCompletableFuture()
          .get(5, TimeUnit.SECONDS);
      try (TcpPeer peer = new TcpPeer(server.accept())) {
        assertThat(peer.readUntil("z9hG4bK-12")).contains("z9hG4bK-11");
        server.setSoTimeout(300);
        assertThatThrownBy(server::accept).isInstanceOf(SocketTimeoutException.class);
        assertThat(transport.hasConnection(to.address())).isTrue();

        peer.write(ok(via("z9hG4bK-12")));
        Inbox.Arrival a = inbox.take();
        assertThat(a.message()).isInstanceOf(SipResponse.class);
        assertThat(a.source()).isEqualTo(to);
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> !transport.hasConnection(to.address()));
      assertThat(transport.counters().connectionsOpen()).isZero();
    }
  }

  @Test
  void refusedConnectionFailsTheSend() throws Exception {
    start(TransportConfig.listen("127.0.0.1", 0));
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    var stage =
        transport.send(
            parseRequest(options(via("z9hG4bK-13"))),
            Endpoint.tcp(new InetSocketAddress("127.0.0.1", closedPort)));
    assertThatThrownBy(() -> stage.toCompletableFuture().get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(ConnectException.class);
  }

  @Test
  void idleConnectionIsClosed() throws Exception {
    start(TransportConfig.listen("127.0.0.1", 0).withTcpIdleTimeout(Duration.ofMillis(300)));
    try (TcpPeer peer = TcpPeer.connect(tcp())) {
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> transport.counters().connectionsOpen() == 1);
      assertThat(peer.closedWithin(5000)).isTrue();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> transport.counters().connectionsOpen() == 0);
  }

  @Test
  void connectionsOverTheCapAreRefused() throws Exception {
    start(TransportConfig.listen("127.0.0.1", 0).withMaxConnections(1));
    try (TcpPeer first = TcpPeer.connect(tcp())) {
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> transport.counters().connectionsOpen() == 1);
      try (TcpPeer second = TcpPeer.connect(tcp())) {
        assertThat(second.closedWithin(5000)).isTrue();
        first.write(options("SIP/2.0/TCP 127.0.0.1;branch=z9hG4bK-14"));
        assertThat(inbox.take().source()).isEqualTo(Endpoint.tcp(first.address()));
        assertThat(transport.counters().connectionsOpen()).isEqualTo(1);
        assertThat(transport.counters().dropped()).isEqualTo(1);
      }
    }
  }
}
