package dev.switchboard.sip.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UdpBacklogTest {
  private static final String TABLE =
      "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout"
          + " inode ref pointer drops            \n"
          + "  279: 0100007F:13C4 00000000:0000 07 00000000:00000A00 00:00000000 00000000"
          + "     0        0 91334 2 0000000000000000 17        \n"
          + "  301: 00000000:0044 00000000:0000 07 00000000:00001000 00:00000000 00000000"
          + "     0        0 1234 2 0000000000000000 99        \n";

  @Test
  void readsTheQueueAndDropsOfOurPortsOnly() {
    UdpBacklog.Queues q =
        UdpBacklog.scan(TABLE.getBytes(StandardCharsets.US_ASCII), p -> p == 5060 ? 10240 : 0);
    assertEquals(0.25, q.fullest(), 1e-9); // 0xA00 = 2,560 of 10,240 bytes
    assertEquals(17, q.drops());
  }

  @Test
  void anOlderKernelWithoutTheDropsColumnStillGivesTheQueue() {
    String old = TABLE.replace(" 17        \n", "\n").replace(" 99        \n", "\n");
    UdpBacklog.Queues q =
        UdpBacklog.scan(old.getBytes(StandardCharsets.US_ASCII), p -> p == 5060 ? 2560 : 0);
    assertEquals(1.0, q.fullest(), 1e-9);
    assertEquals(0, q.drops());
  }

  @Test
  void garbageGivesNothingAndNoException() {
    byte[] junk =
        "title\n:::: zz:zz\n\n  1: 0100007F:XYZ 0 0 0:0\n".getBytes(StandardCharsets.UTF_8);
    UdpBacklog.Queues q = UdpBacklog.scan(junk, p -> 1000);
    assertEquals(0, q.fullest());
    assertEquals(0, q.drops());
  }

  /** Against the kernel's own table: a socket nobody reads has its datagrams queued. */
  @Test
  void seesTheQueueOfARealSocketThatIsNotRead() throws Exception {
    Path table = Path.of("/proc/net/udp");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(table), "Linux only");
    try (DatagramSocket idle = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        DatagramSocket sender = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      int port = idle.getLocalPort();
      byte[] payload = new byte[200];
      for (int i = 0; i < 10; i++) {
        sender.send(
            new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), port));
      }
      // The JDK may open a dual-stack socket, listed in udp6 with a mapped address.
      double queued = 0;
      for (Path t : new Path[] {table, Path.of("/proc/net/udp6")}) {
        if (Files.isReadable(t)) {
          queued += UdpBacklog.scan(Files.readAllBytes(t), p -> p == port ? 1 : 0).fullest();
        }
      }
      assertTrue(queued >= 2_000, "queued bytes of 10 datagrams: " + queued);
    }
  }
}
