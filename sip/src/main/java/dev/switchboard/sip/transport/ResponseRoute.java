package dev.switchboard.sip.transport;

import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.message.Via;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Where a server sends a response, from its top Via and where the request came from (RFC 3261
 * §18.2.2, RFC 3581 §4). Pure: a host name (in maddr or sent-by) comes back unresolved, for the
 * caller to resolve per RFC 3263 §5.
 */
public final class ResponseRoute {
  private ResponseRoute() {}

  /**
   * The destination for {@code response} to a request received from {@code requestSource}:
   *
   * <ul>
   *   <li>reliable transport: the same connection (the request's source);
   *   <li>{@code maddr}: that address at the sent-by port (default 5060);
   *   <li>{@code rport}: the {@code received} address (or the source) at the rport value (or the
   *       source port when the request's rport was never filled in);
   *   <li>otherwise {@code received}, or else the sent-by host, at the sent-by port.
   * </ul>
   */
  public static Endpoint destination(SipResponse response, Endpoint requestSource) {
    if (requestSource.transport().reliable()) {
      return requestSource;
    }
    Via via = response.topVia();
    TransportKind kind = requestSource.transport();
    String maddr = via.maddr();
    if (maddr != null) {
      return new Endpoint(kind, address(maddr, via.portOrDefault()));
    }
    if (via.hasRport()) {
      int port = via.rport() > 0 ? via.rport() : requestSource.address().getPort();
      InetAddress received = HostLiteral.parse(via.received());
      InetAddress host = received != null ? received : requestSource.address().getAddress();
      return new Endpoint(kind, new InetSocketAddress(host, port));
    }
    return new Endpoint(kind, receivedOrSentBy(via));
  }

  /**
   * Where to open a new connection when the one a request came in on has closed (RFC 3261 §18.2.2):
   * the {@code received} address (or the sent-by host) at the sent-by port.
   */
  public static Endpoint afterConnectionLoss(SipResponse response, Endpoint requestSource) {
    return new Endpoint(requestSource.transport(), receivedOrSentBy(response.topVia()));
  }

  private static InetSocketAddress receivedOrSentBy(Via via) {
    String received = via.received();
    if (received != null && HostLiteral.parse(received) != null) {
      return address(received, via.portOrDefault());
    }
    return address(via.host(), via.portOrDefault());
  }

  private static InetSocketAddress address(String host, int port) {
    InetAddress literal = HostLiteral.parse(host);
    return literal != null
        ? new InetSocketAddress(literal, port)
        : InetSocketAddress.createUnresolved(host, port);
  }
}
