package dev.switchboard.server.location;

import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.transport.Endpoint;
import dev.switchboard.sip.transport.TransportKind;
import dev.switchboard.store.location.AorBindings;
import dev.switchboard.store.location.BindingRepository;
import dev.switchboard.store.location.StoredBinding;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link BindingPersistence} on the database through the store's {@link BindingRepository}. */
public final class JdbcBindingPersistence implements BindingPersistence {

  private static final Logger LOG = LoggerFactory.getLogger(JdbcBindingPersistence.class);

  private final BindingRepository repository;

  public JdbcBindingPersistence(BindingRepository repository) {
    this.repository = repository;
  }

  @Override
  public List<Binding> loadUnexpired(Instant now) {
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

  @Override
  public void write(List<AorSnapshot> snapshots) {
    List<AorBindings> rows = new ArrayList<>(snapshots.size());
    for (AorSnapshot s : snapshots) {
      rows.add(
          new AorBindings(
              s.aor(), s.bindings().stream().map(JdbcBindingPersistence::toRow).toList()));
    }
    repository.replace(rows);
  }

  @Override
  public int deleteExpired(Instant now) {
    return repository.deleteExpired(now);
  }

  static StoredBinding toRow(Binding b) {
    return new StoredBinding(
        AorSnapshot.domainOf(b.aor()),
        b.aor(),
        b.contact().toString(),
        b.qMillis(),
        b.expiresAt(),
        b.callId(),
        b.cseq(),
        b.path().isEmpty()
            ? null
            : b.path().stream().map(Address::toString).collect(Collectors.joining(", ")),
        b.source().transport().name(),
        hostPort(b.source().address()),
        b.userAgent(),
        b.updatedAt());
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
        new Endpoint(TransportKind.valueOf(s.transport()), socket(s.sourceAddress())),
        s.userAgent(),
        s.updatedAt());
  }

  static String hostPort(InetSocketAddress a) {
    String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
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
