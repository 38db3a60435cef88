package dev.switchboard.sip.transport;

import java.net.InetSocketAddress;

/**
 * A peer as the transport sees it: which transport and which socket address. For connection
 * transports it also names the connection, so a response can go back on the one the request came in
 * on (RFC 3261 §18.2.2).
 */
public record Endpoint(TransportKind transport, InetSocketAddress address) {

  public static Endpoint udp(InetSocketAddress a) {
    return new Endpoint(TransportKind.UDP, a);
  }

  public static Endpoint tcp(InetSocketAddress a) {
    return new Endpoint(TransportKind.TCP, a);
  }

  @Override
  public String toString() {
    return transport + ":" + address.getHostString() + ":" + address.getPort();
  }
}
