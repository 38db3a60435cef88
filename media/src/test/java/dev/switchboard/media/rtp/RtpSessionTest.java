package dev.switchboard.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An RTP session against plain UDP sockets playing the remote phone. */
class RtpSessionTest {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private MediaTransport transport;
  private PortRange range;
  private final List<RtpPacket> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open() throws IOException {
    int base = 30_000 + 2 * ThreadLocalRandom.current().nextInt(10_000);
    range = new PortRange(base, base + 5); // three pairs
    transport = MediaTransport.open(LOOPBACK, range);
  }

  @AfterEach
  void close() {
    transport.close();
  }

  private RtpSession session(InetSocketAddress remote) throws IOException {
    return transport.openSession(
        RtpSession.Settings.g711(remote, "test@127.0.0.1"), (p, t) -> received.add(p));
  }

  private static void send(DatagramSocket from, byte[] data, int port) throws IOException {
    from.send(new DatagramPacket(data, data.length, new InetSocketAddress(LOOPBACK, port)));
  }

  private static byte[] rtp(int seq) {
    return RtpPacket.of(false, 0, seq, 160L * seq, 0xABCDL, new byte[160]).toBytes();
  }

  @Test
  void takesEvenPortPairsFromTheRangeUntilItIsFull() throws IOException {
    RtpSession a = session(null);
    RtpSession b = session(null);
    RtpSession c = session(null);
    for (RtpSession s : List.of(a, b, c)) {
      assertThat(s.localPort() % 2).isZero();
      assertThat(s.localPort()).isBetween(range.min(), range.max());
    }
    assertThat(List.of(a.localPort(), b.localPort(), c.localPort())).doesNotHaveDuplicates();
    assertThatThrownBy(() -> session(null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no free RTP/RTCP port pair in " + range);
    int freed = b.localPort();
    b.close();
    // the port comes free once the reading thread has let go of the socket
    await()
        .atMost(Duration.ofSeconds(5))
        .ignoreExceptions()
        .until(() -> session(null).localPort() == freed);
  }

  @Test
  void dropsMalformedDatagramsAndKeepsListening() throws Exception {
    RtpSession session = session(null);
    try (DatagramSocket phone = new DatagramSocket(0, LOOPBACK)) {
      send(phone, new byte[] {1, 2, 3}, session.localPort());
      send(phone, new byte[40], session.localPort()); // version 0
      send(phone, new byte[] {(byte) 0x81, (byte) 0xc9, 0, 9}, session.localPort() + 1);
      send(phone, rtp(1), session.localPort());
      await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
      assertThat(session.stats().malformed()).isEqualTo(3);
    }
  }

  @Test
  void latchesOntoThePhoneAndIgnoresOtherSourcesWhileItTalks() throws Exception {
    RtpSession session = session(new InetSocketAddress(LOOPBACK, 9)); // SDP said port 9
    try (DatagramSocket phone = new DatagramSocket(0, LOOPBACK);
        DatagramSocket intruder = new DatagramSocket(0, LOOPBACK)) {
      send(phone, rtp(1), session.localPort());
      await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
      assertThat(session.remote().getPort()).isEqualTo(phone.getLocalPort());
      send(intruder, rtp(2), session.localPort());
      send(phone, rtp(3), session.localPort());
      await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
      assertThat(session.stats().foreignDropped()).isEqualTo(1);
      assertThat(session.remote().getPort()).isEqualTo(phone.getLocalPort());
      // our media goes to where the phone's packets came from, not to the SDP port
      assertThat(session.send(0, true, 0, new byte[160])).isTrue();
      phone.setSoTimeout(5000);
      DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
      phone.receive(packet);
      RtpPacket ours = RtpPacket.parse(packet.getData(), 0, packet.getLength());
      assertThat(ours.ssrc()).isEqualTo(session.ssrc());
      assertThat(ours.marker()).isTrue();
    }
  }

  @Test
  void answersReportsWithAReceiverReportAboutThePhone() throws Exception {
    List<List<RtcpPacket>> reports = new CopyOnWriteArrayList<>();
    RtpSession session =
        transport.openSession(
            RtpSession.Settings.g711(null, "test@127.0.0.1").withRtcpInterval(200),
            new RtpSession.Listener() {
              @Override
              public void onRtp(RtpPacket packet, long arrivalNanos) {}

              @Override
              public void onRtcp(List<RtcpPacket> packets) {
                reports.add(packets);
              }
            });
    try (DatagramSocket phone = new DatagramSocket(0, LOOPBACK);
        DatagramSocket phoneRtcp = new DatagramSocket(phone.getLocalPort() + 1, LOOPBACK)) {
      for (int seq = 1; seq <= 20; seq++) {
        if (seq != 10) { // one lost
          send(phone, rtp(seq), session.localPort());
        }
      }
      // RTP and RTCP arrive on two sockets in no fixed order: let the RTP be seen first, so that
      // the SR comes from a known source
      await().atMost(Duration.ofSeconds(5)).until(() -> session.stats().packetsReceived() == 19);
      byte[] sr =
          RtcpPacket.compound(
              List.of(
                  new RtcpPacket.SenderReport(
                      0xABCDL,
                      NtpTime.fromUnixMillis(System.currentTimeMillis()),
                      3200,
                      19,
                      3040,
                      List.of())));
      send(phoneRtcp, sr, session.localPort() + 1);
      await().atMost(Duration.ofSeconds(5)).until(() -> reports.size() == 1);
      phoneRtcp.setSoTimeout(5000);
      DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
      long deadline = System.nanoTime() + 5_000_000_000L;
      RtcpPacket.ReceiverReport rr = null;
      while (rr == null && System.nanoTime() < deadline) {
        session.sendReportIfDue(System.nanoTime());
        try {
          phoneRtcp.setSoTimeout(100);
          phoneRtcp.receive(packet);
          List<RtcpPacket> compound =
              RtcpPacket.parseCompound(packet.getData(), 0, packet.getLength());
          assertThat(compound.get(1)).isInstanceOf(RtcpPacket.SourceDescription.class);
          rr = (RtcpPacket.ReceiverReport) compound.get(0);
        } catch (java.net.SocketTimeoutException e) {
          // not due yet
        }
      }
      assertThat(rr).isNotNull();
      ReportBlock block = rr.reports().get(0);
      assertThat(block.ssrc()).isEqualTo(0xABCDL);
      assertThat(block.cumulativeLost()).isEqualTo(1);
      assertThat(block.extendedHighestSequence()).isEqualTo(20);
      assertThat(block.lastSenderReport()).isNotZero();
    }
  }
}
