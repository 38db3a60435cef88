package dev.switchboard.server.proxy;

import dev.switchboard.server.location.Binding;
import dev.switchboard.server.location.LocationService;
import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.sip.transport.Endpoint;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A location service filled directly by tests, standing in for the registrar's. */
public final class MemoryLocation implements LocationService {
  private final Map<String, List<Binding>> bindings = new ConcurrentHashMap<>();

  /** Binds {@code sip:user@domain} to a UA listening on UDP 127.0.0.1:{@code port}. */
  public MemoryLocation bind(String user, String domain, int port, int qMillis) {
    String aor = "sip:" + user + "@" + domain;
    Binding b =
        new Binding(
            aor,
            Address.of(new SipUri(false, user, null, "127.0.0.1", port, null, null)),
            qMillis,
            Instant.now().plus(1, ChronoUnit.HOURS),
            "reg-" + port,
            1,
            List.of(),
            Endpoint.udp(new InetSocketAddress("127.0.0.1", port)),
            "test",
            Instant.now());
    bindings.computeIfAbsent(aor, k -> new ArrayList<>()).add(b);
    return this;
  }

  public void clear() {
    bindings.clear();
  }

  @Override
  public List<Binding> lookup(String aor) {
    List<Binding> list = new ArrayList<>(bindings.getOrDefault(aor, List.of()));
    list.sort(Comparator.comparingInt(Binding::qMillis).reversed());
    return list;
  }
}
