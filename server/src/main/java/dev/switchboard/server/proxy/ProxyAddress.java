package dev.switchboard.server.proxy;

import dev.switchboard.server.edge.DomainName;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.sip.message.Via;
import dev.switchboard.sip.transport.TransportKind;
import java.util.Locale;
import java.util.Set;

/**
 * The host and ports this proxy writes into Via and Record-Route, and the other host names that
 * address it (its bind address), so it can recognise its own URIs in Route and Via (§16.4).
 *
 * @param port the UDP and TCP port
 * @param tlsPort the TLS port, or -1 when the proxy does not listen for TLS
 */
public record ProxyAddress(String host, int port, Set<String> aliases, int tlsPort) {

  public ProxyAddress {
    host = host.toLowerCase(Locale.ROOT);
    aliases = Set.copyOf(aliases.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList());
  }

  /** A proxy on UDP and TCP only. */
  public ProxyAddress(String host, int port, Set<String> aliases) {
    this(host, port, aliases, -1);
  }

  public boolean isUs(String otherHost, int otherPort) {
    int p = otherPort < 0 ? 5060 : otherPort;
    return (p == port || p == tlsPort) && isUsHost(otherHost);
  }

  /** Whether {@code otherHost} names this server, whatever the port (any case, trailing dot). */
  public boolean isUsHost(String otherHost) {
    if (otherHost == null) {
      return false;
    }
    String h = DomainName.normalize(otherHost);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals(host) || aliases.contains(h);
  }

  public boolean isUs(SipUri uri) {
    int p = uri.port();
    if (p < 0 && (uri.secure() || "tls".equalsIgnoreCase(uri.transport()))) {
      p = 5061; // RFC 3261 §19.1.2: the default port of sips: and of TLS
    }
    return isUs(uri.host(), p);
  }

  public boolean isUs(Via via) {
    return isUs(via.host(), via.portOrDefault());
  }

  /** {@code sip:HOST:PORT;lr}, what we put in Record-Route. */
  public SipUri recordRouteUri() {
    return SipUri.of(host, port).withParam("lr", null);
  }

  /**
   * What we put in Record-Route for the side of a call reached over {@code kind}: the TLS port with
   * {@code transport=tls} for TLS, else {@link #recordRouteUri()}.
   */
  public SipUri recordRouteUri(TransportKind kind) {
    if (kind == TransportKind.TLS && tlsPort > 0) {
      return SipUri.of(host, tlsPort).withParam("transport", "tls").withParam("lr", null);
    }
    return recordRouteUri();
  }

  /** The sent-by port of a Via for a request we send over {@code kind}. */
  public int viaPort(TransportKind kind) {
    return kind == TransportKind.TLS && tlsPort > 0 ? tlsPort : port;
  }
}
