package dev.switchboard.server.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * Which resolvers the locator asks and how long it waits and remembers.
 *
 * @param servers resolvers to ask in turn; empty for the system's own (resolv.conf)
 * @param timeout how long one query may wait for an answer, retries included
 * @param negativeTtl how long "no such records" (or no answer at all) is remembered
 * @param maxTtl the longest any answer is remembered, whatever its TTL says
 * @param maxEntries how many answers the cache holds before dropping the least recently used
 */
public record DnsSettings(
    List<InetSocketAddress> servers,
    Duration timeout,
    Duration negativeTtl,
    Duration maxTtl,
    int maxEntries) {

  /** The system's resolvers, 3 s per query, 30 s for negative answers, at most an hour. */
  public static final DnsSettings DEFAULT =
      new DnsSettings(
          List.of(), Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofHours(1), 10_000);

  public DnsSettings {
    servers = List.copyOf(servers);
    if (timeout.isNegative() || timeout.isZero() || negativeTtl.isNegative()) {
      throw new IllegalArgumentException("DNS timeout must be positive, negative TTL not negative");
    }
    if (maxEntries < 1) {
      throw new IllegalArgumentException("the DNS cache needs room for at least one answer");
    }
  }

  /** These settings asking only {@code server}. */
  public DnsSettings withServer(InetSocketAddress server) {
    return new DnsSettings(List.of(server), timeout, negativeTtl, maxTtl, maxEntries);
  }

  /**
   * Parses {@code HOST:PORT} (an IP literal, IPv6 in brackets) as the {@code --dns-server} flag
   * gives it; a host name would need a resolver to find the resolver.
   *
   * @throws IllegalArgumentException with the reason when malformed
   */
  public static InetSocketAddress parseServer(String spec) {
    int colon = spec.lastIndexOf(':');
    if (colon <= 0 || colon == spec.length() - 1) {
      throw new IllegalArgumentException("DNS server must be HOST:PORT: " + spec);
    }
    String host = spec.substring(0, colon).trim();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(spec.substring(colon + 1).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port in DNS server " + spec);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("bad port in DNS server " + spec);
    }
    try {
      return new InetSocketAddress(org.xbill.DNS.Address.getByAddress(host), port);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("DNS server must be an IP address: " + spec);
    }
  }
}
