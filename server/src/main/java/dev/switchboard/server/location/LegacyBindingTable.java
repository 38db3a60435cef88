package dev.switchboard.server.location;

import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.transport.Endpoint;
import dev.switchboard.sip.transport.TransportKind;
import dev.switchboard.store.location.BindingRepository;
import dev.switchboard.store.location.StoredBinding;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database table that held bindings before the {@link BindingJournal}: read once, when a node
 * first starts with an empty journal, so that an upgrade keeps every registered phone.
 */
public final class LegacyBindingTable {

  private static final Logger LOG = LoggerFactory.getLogger(LegacyBindingTable.class);

  private LegacyBindingTable() {}

  /** The table's unexpired bindings; the table is emptied once they are safely in the journal. */
  public static List<Binding> unexpired(BindingRepository repository, Instant now) {
    List<Binding> out = new ArrayList<>();
    for (StoredBinding s : repository.unexpired(now)) {
      try {
        out.add(fromRow(s));
      } catch (RuntimeException e) {
        // A row we cannot read back must not stop the node from starting.
        LOG.warn("skipping unreadable binding of {}: {}", s.aor(), e.toString());
      }
    }
    return out;
  }

  static Binding fromRow(StoredBinding s) {
    return new Binding(
        s.aor(),
        Address.parse(s.contact()),
        s.qMillis(),
        s.expiresAt(),
        s.callId(),
        s.cseq(),
        s.path() == null ? List.of() : Address.parseList(s.path()),
        new Endpoint(
            TransportKind.valueOf(s.transport().toUpperCase(java.util.Locale.ROOT)),
            socket(s.sourceAddress())),
        s.userAgent(),
        s.updatedAt());
  }

  private static InetSocketAddress socket(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    String host = hostPort.substring(0, colon);
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = Integer.parseInt(hostPort.substring(colon + 1));
    try {
      // Always an IP literal, so this resolves nothing.
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("bad source address " + hostPort, e);
    }
  }
}
