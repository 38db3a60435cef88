package dev.switchboard.sip.sigcomp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** A libpcap capture file of UDP datagrams over IPv4 and Ethernet, for Wireshark to read. */
final class Pcap {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private int seconds = 1_700_000_000;

  Pcap() {
    ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
    h.putInt(65535).putInt(1);
    out.writeBytes(h.array());
  }

  /** One datagram from {@code src:srcPort} to {@code dst:dstPort} (IPv4 as 4 bytes). */
  void udp(byte[] src, int srcPort, byte[] dst, int dstPort, byte[] payload) {
    int ipLength = 20 + 8 + payload.length;
    ByteBuffer p = ByteBuffer.allocate(14 + ipLength);
    p.put(new byte[] {0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
    int ip = p.position();
    p.put((byte) 0x45)
        .put((byte) 0)
        .putShort((short) ipLength)
        .putShort((short) 0)
        .putShort((short) 0);
    p.put((byte) 64).put((byte) 17).putShort((short) 0).put(src).put(dst);
    int sum = 0;
    for (int i = ip; i < ip + 20; i += 2) {
      sum += (p.get(i) & 0xFF) << 8 | p.get(i + 1) & 0xFF;
    }
    sum = (sum & 0xFFFF) + (sum >> 16);
    p.putShort(ip + 10, (short) ~sum);
    p.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payload.length));
    p.putShort((short) 0).put(payload);
    ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    r.putInt(seconds++).putInt(0).putInt(p.capacity()).putInt(p.capacity());
    out.writeBytes(r.array());
    out.writeBytes(p.array());
  }

  void write(Path file) throws IOException {
    Files.write(file, out.toByteArray());
  }
}
