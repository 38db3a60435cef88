package dev.switchboard.server.sip;

import dev.switchboard.server.dns.ServerLocator;
import dev.switchboard.server.edge.EdgeConfig;
import dev.switchboard.server.proxy.ProxyConfig;
import dev.switchboard.server.proxy.RouteTable;
import dev.switchboard.sip.transaction.TimerConfig;
import dev.switchboard.sip.transport.TlsConfig;
import dev.switchboard.sip.transport.TransportConfig;

/**
 * How the SIP service listens, times its transactions and proxies.
 *
 * @param advertise the host written into Via and Record-Route; null means the bind address, or
 *     127.0.0.1 when binding a wildcard (peers must be able to reach what Record-Route names, so a
 *     wildcard bind that serves other hosts needs {@code --advertise})
 * @param tls the TLS listener (RFC 3261 §26), or null for none
 */
public record SipServiceConfig(
    TransportConfig transport,
    TimerConfig timers,
    String serverName,
    ProxyConfig proxy,
    String advertise,
    EdgeConfig edge,
    TlsConfig tls) {

  /** UDP and TCP on {@code bind}:{@code port} (0 picks an ephemeral port), RFC 3261 timers. */
  public static SipServiceConfig listen(String bind, int port) {
    return new SipServiceConfig(
        TransportConfig.listen(bind, port),
        TimerConfig.DEFAULT,
        "Switchboard",
        ProxyConfig.DEFAULT,
        null,
        EdgeConfig.DEFAULT,
        null);
  }

  public SipServiceConfig withTimers(TimerConfig newTimers) {
    return new SipServiceConfig(transport, newTimers, serverName, proxy, advertise, edge, tls);
  }

  public SipServiceConfig withProxy(ProxyConfig newProxy) {
    return new SipServiceConfig(transport, timers, serverName, newProxy, advertise, edge, tls);
  }

  public SipServiceConfig withRoutes(RouteTable routes) {
    return withProxy(proxy.withRoutes(routes));
  }

  /** Locates foreign domains the routes do not name with {@code locator} (RFC 3263). */
  public SipServiceConfig withLocator(ServerLocator locator) {
    return withProxy(proxy.withLocator(locator));
  }

  /** The edge limits a service without a registrar module uses (with one, the module's). */
  public SipServiceConfig withEdge(EdgeConfig newEdge) {
    return new SipServiceConfig(transport, timers, serverName, proxy, advertise, newEdge, tls);
  }

  public SipServiceConfig withTransport(TransportConfig newTransport) {
    return new SipServiceConfig(newTransport, timers, serverName, proxy, advertise, edge, tls);
  }

  /** Also listens for TLS as {@code newTls} says (null: no TLS). */
  public SipServiceConfig withTls(TlsConfig newTls) {
    return new SipServiceConfig(transport, timers, serverName, proxy, advertise, edge, newTls);
  }

  public SipServiceConfig withAdvertise(String host) {
    return new SipServiceConfig(transport, timers, serverName, proxy, host, edge, tls);
  }
}
