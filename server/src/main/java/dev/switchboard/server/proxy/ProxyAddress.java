package dev.switchboard.server.proxy;

import dev.switchboard.server.edge.DomainName;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.sip.message.Via;
import java.util.Locale;
import java.util.Set;

/**
 * The host and port this proxy writes into Via and Record-Route, and the other host names that
 * address it (its bind address), so it can recognise its own URIs in Route and Via (§16.4).
 */
public record ProxyAddress(String host, int port, Set<String> aliases) {

  public ProxyAddress {
    host = host.toLowerCase(Locale.ROOT);
    aliases = Set.copyOf(aliases.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList());
  }

  public boolean isUs(String otherHost, int otherPort) {
    int p = otherPort < 0 ? 5060 : otherPort;
    return p == port && isUsHost(otherHost);
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
    return isUs(uri.host(), uri.port());
  }

  public boolean isUs(Via via) {
    return isUs(via.host(), via.portOrDefault());
  }

  /** {@code sip:HOST:PORT;lr}, what we put in Record-Route. */
  public SipUri recordRouteUri() {
    return SipUri.of(host, port).withParam("lr", null);
  }
}
