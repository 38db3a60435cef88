package dev.switchboard.server.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.sipp.Sipp;
import dev.switchboard.server.sipp.Sipp.Result;
import dev.switchboard.server.sipp.Sipp.Transport;
import dev.switchboard.server.sipp.TortureScenario;
import dev.switchboard.server.sipp.TortureScenario.Entry;
import dev.switchboard.server.sipp.TortureScenario.Prepared;
import dev.switchboard.sip.message.MessageParser;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.transport.TlsConfig;
import dev.switchboard.sip.transport.TransportKind;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The SIP service with only the bottom layers, driven by SIPp over real sockets on loopback. */
class SipServiceSippTest {
  private static SipService service;
  private static int port;
  private static TlsConfig tls;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    tls = SelfSignedCertificate.inDirectory(dir.resolve("tls"), 0, List.of("127.0.0.1"));
    service = SipService.start(SipServiceConfig.listen("127.0.0.1", 0).withTls(tls));
    port = service.address(TransportKind.UDP).getPort();
    assertThat(service.address(TransportKind.TCP).getPort()).isEqualTo(port);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static Path resource(String name) throws Exception {
    return Path.of(SipServiceSippTest.class.getResource("/sipp/" + name).toURI());
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"UDP", "TCP"})
  void optionsIsAnsweredWithCapabilities(Transport transport) throws Exception {
    Result r =
        Sipp.scenario(resource("options-uac.xml"))
            .remote(
                "127.0.0.1",
                transport == Transport.TLS ? service.address(TransportKind.TLS).getPort() : port)
            .transport(transport)
            .tlsCertificate(tls.certificateChain(), tls.privateKey())
            .calls(5)
            .run();
    assertThat(r.allSucceeded()).as(r.describe()).isTrue();
    assertThat(r.successfulCalls()).isEqualTo(5);
  }

  @Test
  void inviteIsAnswered501AndTheAckIsAbsorbed() throws Exception {
    Result r = Sipp.scenario(resource("invite-501-uac.xml")).remote("127.0.0.1", port).run();
    assertThat(r.allSucceeded()).as(r.describe()).isTrue();
  }

  static Stream<Entry> sippTorture() throws Exception {
    return TortureScenario.manifest().stream().filter(Entry::sipp);
  }

  static Stream<Entry> rawTorture() throws Exception {
    return TortureScenario.manifest().stream().filter(e -> !e.sipp());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sippTorture")
  void tortureMessageSentBySippGetsTheExpectedAnswer(Entry entry) throws Exception {
    // A service of its own: several messages reuse one branch, and would match an earlier
    // message's transaction (RFC 3261 §17.2.3) and get its answer again.
    try (SipService own = SipService.start(SipServiceConfig.listen("127.0.0.1", 0))) {
      int ownPort = own.address(TransportKind.UDP).getPort();
      Prepared p = TortureScenario.write(entry, dir);
      Result r =
          Sipp.scenario(p.scenario())
              .remote("127.0.0.1", ownPort)
              .args(p.sippArgs().toArray(String[]::new))
              .run();
      assertThat(r.allSucceeded())
          .as(entry.name() + ": " + entry.note() + "\n" + r.describe())
          .isTrue();
      assertStillAnswering(ownPort);
      assertThat(own.transportCounters().pipelineErrors()).isZero();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rawTorture")
  void tortureMessageSentRawGetsTheExpectedAnswer(Entry entry) throws Exception {
    try (SipService own = SipService.start(SipServiceConfig.listen("127.0.0.1", 0));
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      int ownPort = own.address(TransportKind.UDP).getPort();
      socket.setSoTimeout(entry.expectedStatus().isPresent() ? 3000 : 700);
      byte[] b = entry.bytes();
      socket.send(new DatagramPacket(b, b.length, new InetSocketAddress("127.0.0.1", ownPort)));
      List<Integer> statuses = new java.util.ArrayList<>();
      try {
        while (statuses.isEmpty() || statuses.get(statuses.size() - 1) < 200) {
          DatagramPacket in = new DatagramPacket(new byte[65535], 65535);
          socket.receive(in);
          SipResponse resp =
              (SipResponse) new MessageParser().parseDatagram(in.getData(), 0, in.getLength());
          statuses.add(resp.status());
        }
      } catch (SocketTimeoutException e) {
        // No (more) answer: what "none" expects.
      }
      if (entry.expectedStatus().isPresent()) {
        assertThat(statuses).as(entry.name() + ": " + entry.note()).isNotEmpty();
        assertThat(statuses.get(statuses.size() - 1))
            .as(entry.name() + ": " + entry.note())
            .isEqualTo(entry.expectedStatus().get());
      } else {
        assertThat(statuses).as(entry.name() + ": " + entry.note()).isEmpty();
      }
      assertStillAnswering(ownPort);
      assertThat(own.transportCounters().pipelineErrors()).isZero();
    }
  }

  @Test
  void everyTortureMessageInARowLeavesTheServerAnswering() throws Exception {
    long answeredBefore = service.transportCounters().badRequestsAnswered();
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      for (int round = 0; round < 3; round++) {
        for (Entry e : TortureScenario.manifest()) {
          byte[] b = e.bytes();
          socket.send(new DatagramPacket(b, b.length, new InetSocketAddress("127.0.0.1", port)));
        }
      }
    }
    assertStillAnswering(port);
    assertThat(service.transportCounters().badRequestsAnswered()).isGreaterThan(answeredBefore);
    assertThat(service.transportCounters().pipelineErrors()).isZero();
  }

  private static void assertStillAnswering(int port) throws Exception {
    Result r = Sipp.scenario(resource("options-uac.xml")).remote("127.0.0.1", port).calls(1).run();
    assertThat(r.allSucceeded()).as("still answering OPTIONS: " + r.describe()).isTrue();
  }
}
