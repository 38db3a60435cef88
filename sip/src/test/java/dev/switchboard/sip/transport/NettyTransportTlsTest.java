package dev.switchboard.sip.transport;

import static dev.switchboard.sip.transport.TestMessages.options;
import static dev.switchboard.sip.transport.TestMessages.parseResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NettyTransportTlsTest {
  private final Inbox inbox = new Inbox();
  private NettyTransport transport;
  private TestCertificate cert;

  @TempDir Path dir;

  @BeforeEach
  void certificate() throws Exception {
    cert = TestCertificate.make(dir);
  }

  private void start(Duration handshakeTimeout) throws IOException {
    transport =
        new NettyTransport(TransportConfig.listen("127.0.0.1", 0).withIoThreads(2), inbox)
            .listenTls(new TlsConfig(0, cert.chain(), cert.key(), handshakeTimeout))
            .start();
  }

  private InetSocketAddress tls() {
    return transport.listenAddress(TransportKind.TLS);
  }

  private TcpPeer tlsPeer(String protocol) throws Exception {
    SSLSocket s = (SSLSocket) cert.clientContext().getSocketFactory().createSocket();
    s.connect(tls(), 5000);
    s.setEnabledProtocols(new String[] {protocol});
    s.startHandshake();
    return new TcpPeer(s);
  }

  @AfterEach
  void tearDown() {
    if (transport != null) {
      transport.close();
    }
  }

  @Test
  void requestOverTlsIsAnsweredOnTheSameConnection() throws Exception {
    start(Duration.ofSeconds(10));
    for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
      try (TcpPeer peer = tlsPeer(protocol)) {
        peer.write(options("SIP/2.0/TLS 192.0.2.1:5061;branch=z9hG4bK-" + protocol));
        Inbox.Arrival in = inbox.take();
        assertThat(in.source()).isEqualTo(new Endpoint(TransportKind.TLS, peer.address()));
        assertThat(transport.hasConnection(in.source())).isTrue();
        assertThat(transport.hasConnection(Endpoint.tcp(peer.address()))).isFalse();
        SipResponse ok = ((SipRequest) in.message()).createResponse(200, null);
        transport.send(ok, ResponseRoute.destination(ok, in.source())).toCompletableFuture().get();
        String text = peer.readUntil("\r\n\r\n");
        assertThat(parseResponse(text).status()).isEqualTo(200);
        assertThat(parseResponse(text).topVia().branch()).isEqualTo("z9hG4bK-" + protocol);
      }
    }
  }

  @Test
  void plainTextOnTheTlsPortIsDroppedWithoutHarmingAnEstablishedFlow() throws Exception {
    start(Duration.ofSeconds(10));
    try (TcpPeer good = tlsPeer("TLSv1.3");
        TcpPeer plain = TcpPeer.connect(tls())) {
      plain.write(options("SIP/2.0/TCP 192.0.2.1;branch=z9hG4bK-plain"));
      assertThat(plain.closedWithin(5000)).isTrue();
      await().until(() -> transport.counters().tlsHandshakeFailures() == 1);
      good.write(options("SIP/2.0/TLS 192.0.2.1:5061;branch=z9hG4bK-after"));
      assertThat(inbox.take().message().topVia().branch()).isEqualTo("z9hG4bK-after");
      inbox.expectNothing(200);
    }
  }

  @Test
  void aClientThatNeverFinishesItsHandshakeIsClosedAfterTheTimeout() throws Exception {
    start(Duration.ofMillis(300));
    try (Socket silent = new Socket()) {
      silent.connect(tls(), 5000);
      TcpPeer peer = new TcpPeer(silent);
      assertThat(peer.closedWithin(5000)).isTrue();
    }
    await().until(() -> transport.counters().connectionsOpen() == 0);
    assertThat(transport.counters().tlsHandshakeFailures()).isEqualTo(1);
  }

  @Test
  void theConnectionGateClosesABlockedSourceBeforeTheHandshake() throws Exception {
    start(Duration.ofSeconds(10));
    transport.setConnectionGate(from -> false);
    try (TcpPeer refused = TcpPeer.connect(tls())) {
      assertThat(refused.closedWithin(5000)).isTrue();
    }
    assertThat(transport.counters().connectionsRefused()).isEqualTo(1);
    assertThat(transport.counters().tlsHandshakeFailures()).isZero();
  }

  @Test
  void connectionsOverTheCapAreClosed() throws Exception {
    transport =
        new NettyTransport(
                TransportConfig.listen("127.0.0.1", 0).withIoThreads(2).withMaxConnections(1),
                inbox)
            .listenTls(TlsConfig.of(0, cert.chain(), cert.key()))
            .start();
    try (TcpPeer first = tlsPeer("TLSv1.3");
        TcpPeer second = TcpPeer.connect(tls())) {
      assertThat(second.closedWithin(5000)).isTrue();
      first.write(options("SIP/2.0/TLS 192.0.2.1:5061;branch=z9hG4bK-first"));
      assertThat(inbox.take().message().topVia().branch()).isEqualTo("z9hG4bK-first");
    }
  }

  @Test
  void sendingToATlsPeerWithoutAFlowFailsClearly() throws Exception {
    start(Duration.ofSeconds(10));
    SipRequest req = TestMessages.parseRequest(options("SIP/2.0/TLS 127.0.0.1;branch=z9hG4bK-x"));
    var sent =
        transport
            .send(req, new Endpoint(TransportKind.TLS, new InetSocketAddress("127.0.0.1", 9)))
            .toCompletableFuture();
    assertThatThrownBy(() -> sent.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(ConnectException.class);
  }

  @Test
  void anUnreadableKeyFailsTheStartWithTheFileNamed() {
    NettyTransport t =
        new NettyTransport(TransportConfig.listen("127.0.0.1", 0).withIoThreads(1), inbox)
            .listenTls(TlsConfig.of(0, cert.chain(), dir.resolve("missing.pem")));
    assertThatThrownBy(t::start)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("missing.pem");
    t.close();
  }
}
