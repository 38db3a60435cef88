package dev.switchboard.server.proxy;

import dev.switchboard.sip.transport.Endpoint;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The static override table for foreign domains ({@code --route DOMAIN=HOST:PORT}): where requests
 * for a domain that is not ours go, before RFC 3263 lookups exist.
 */
public record RouteTable(Map<String, InetSocketAddress> routes) {

  public static final RouteTable EMPTY = new RouteTable(Map.of());

  public RouteTable {
    routes = Map.copyOf(routes);
  }

  /**
   * Parses {@code DOMAIN=HOST:PORT} entries. Host names are resolved here, once at start-up, so no
   * lookup ever blocks the SIP path.
   *
   * @throws IllegalArgumentException for a malformed entry or a duplicate domain
   */
  public static RouteTable parse(List<String> specs) {
    Map<String, InetSocketAddress> m = new LinkedHashMap<>();
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      int colon = spec.lastIndexOf(':');
      if (eq <= 0 || colon < eq + 2 || colon == spec.length() - 1) {
        throw new IllegalArgumentException("route must be DOMAIN=HOST:PORT: " + spec);
      }
      String domain = spec.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String host = spec.substring(eq + 1, colon).trim();
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      int port;
      try {
        port = Integer.parseInt(spec.substring(colon + 1).trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad port in route " + spec);
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("bad port in route " + spec);
      }
      InetSocketAddress address = new InetSocketAddress(host, port);
      if (address.isUnresolved()) {
        throw new IllegalArgumentException("cannot resolve host of route " + spec);
      }
      if (m.put(domain, address) != null) {
        throw new IllegalArgumentException("domain routed twice: " + domain);
      }
    }
    return new RouteTable(m);
  }

  /** The next hop for requests to {@code domain} (over UDP), if the table has one. */
  public Optional<Endpoint> nextHop(String domain) {
    InetSocketAddress a = routes.get(domain.toLowerCase(Locale.ROOT));
    return a == null ? Optional.empty() : Optional.of(Endpoint.udp(a));
  }
}
