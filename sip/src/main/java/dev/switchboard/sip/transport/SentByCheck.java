package dev.switchboard.sip.transport;

import dev.switchboard.sip.message.Via;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Tells whether a response's top Via sent-by is one we put in our requests (RFC 3261 §18.1.2): one
 * of our addresses or advertised names, at one of our listening ports.
 */
record SentByCheck(Set<InetAddress> addresses, Set<String> names, Set<Integer> ports)
    implements Predicate<Via> {

  SentByCheck {
    addresses = Set.copyOf(addresses);
    names = Set.copyOf(names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList());
    ports = Set.copyOf(ports);
  }

  @Override
  public boolean test(Via via) {
    if (!ports.contains(via.portOrDefault())) {
      return false;
    }
    InetAddress a = HostLiteral.parse(via.host());
    return a != null ? addresses.contains(a) : names.contains(via.host().toLowerCase(Locale.ROOT));
  }
}
