package dev.switchboard.sip.transport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A plain java.net UDP socket playing the remote SIP element. */
final class UdpPeer implements AutoCloseable {
  private final DatagramSocket socket;

  UdpPeer(String host) throws IOException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(host), 0));
    socket.setSoTimeout(5000);
  }

  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  void send(String text, InetSocketAddress to) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    socket.send(new DatagramPacket(b, b.length, to));
  }

  /** The next datagram's text; fails after 5 s. */
  String receive() throws IOException {
    return receive(5000);
  }

  /** The next datagram's text, or null when none comes within {@code millis}. */
  String receive(int millis) throws IOException {
    byte[] buf = new byte[65_536];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    socket.setSoTimeout(millis);
    try {
      socket.receive(p);
    } catch (SocketTimeoutException e) {
      return null;
    }
    return new String(buf, 0, p.getLength(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    socket.close();
  }
}
