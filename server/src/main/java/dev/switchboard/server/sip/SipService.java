package dev.switchboard.server.sip;

import dev.switchboard.server.edge.DigestGate;
import dev.switchboard.server.edge.Edge;
import dev.switchboard.server.edge.EdgeSecurity;
import dev.switchboard.server.proxy.Proxy;
import dev.switchboard.server.proxy.ProxyAddress;
import dev.switchboard.server.proxy.UnreachableTarget;
import dev.switchboard.sip.auth.DigestAuthenticator;
import dev.switchboard.sip.transaction.HashedWheelTimerService;
import dev.switchboard.sip.transaction.TimerService;
import dev.switchboard.sip.transaction.TransactionCounters;
import dev.switchboard.sip.transaction.TransactionLayer;
import dev.switchboard.sip.transport.NettyTransport;
import dev.switchboard.sip.transport.TransportCounters;
import dev.switchboard.sip.transport.TransportKind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

/** The running SIP side of a node: transport, transaction layer and the transaction user. */
public final class SipService implements AutoCloseable {
  private final SipServiceConfig config;
  private final SipServices services;
  private final NettyTransport transport;
  private final TransactionLayer transactions;
  private final HashedWheelTimerService timers;
  private volatile Proxy proxy;
  private volatile Edge edge;
  private CoreUser user;
  private LocalServices local = LocalServices.NONE;

  private SipService(SipServiceConfig config, SipServices services) {
    this.config = config;
    this.services = services;
    this.timers = new HashedWheelTimerService();
    // The transport hands inbound messages to the layer, which needs the transport to send.
    this.transport = new NettyTransport(config.transport(), (m, src) -> layer().onMessage(m, src));
    if (config.tls() != null) {
      transport.listenTls(config.tls());
    }
    this.transactions = new TransactionLayer(transport, timers, config.timers());
  }

  private TransactionLayer layer() {
    return transactions;
  }

  /** Binds the sockets and answers OPTIONS only (501 for the rest): no proxy, no registrar. */
  public static SipService start(SipServiceConfig config) throws IOException {
    return start(config, SipServices.NONE);
  }

  /**
   * Binds the sockets and starts the services: REGISTER to {@code services.registrar()}, the proxy
   * when a directory and location service are given, call records to {@code services.usage()}.
   */
  public static SipService start(SipServiceConfig config, SipServices services) throws IOException {
    SipService s = new SipService(config, services);
    try {
      s.transport.start();
      s.bindUser();
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  /** The TU needs the bound port for Via and Record-Route, so it is made after the bind. */
  private void bindUser() {
    Capabilities caps = Capabilities.CURRENT;
    if (services.proxies()) {
      caps = Capabilities.PROXY;
      DigestGate gate = services.gate();
      if (gate == null) {
        gate =
            new DigestGate(
                new DigestAuthenticator(
                    Clock.systemUTC(), random(), DigestAuthenticator.DEFAULT_NONCE_LIFETIME),
                services.directory(),
                new EdgeSecurity(config.edge(), Clock.systemUTC()),
                Clock.systemUTC());
      }
      byte[] routeSecret = services.routeSecret() != null ? services.routeSecret() : random();
      StackFeatures.Bound bound =
          services
              .features()
              .bind(
                  new StackFeatures.Stack(
                      transactions,
                      timers,
                      proxyAddress(),
                      config.proxy().routes(),
                      gate,
                      services.directory(),
                      services.location()));
      local = bound.services();
      proxy =
          new Proxy(
              transactions,
              timers,
              Clock.systemUTC(),
              config.proxy(),
              proxyAddress(),
              services.directory(),
              services.location(),
              gate,
              routeSecret,
              services.usage(),
              bound.hooks());
      Proxy p = proxy;
      edge =
          new Edge(
              gate,
              services.directory(),
              services.location(),
              p::isUs,
              p::isOurHost,
              transport::udpBacklog);
      transport.setDatagramGate(edge::admitDatagram);
      transport.setConnectionGate(edge::admitConnection);
    }
    user = new CoreUser(caps, config.serverName(), services.registrar(), proxy, edge, local);
    transactions.setUser(user);
  }

  private ProxyAddress proxyAddress() {
    InetSocketAddress bound = transport.listenAddress(TransportKind.UDP);
    if (bound == null) {
      bound = transport.listenAddress(TransportKind.TCP);
    }
    Set<String> aliases = new HashSet<>();
    String host = config.advertise();
    for (String bind : config.transport().bindAddresses()) {
      boolean wildcard = bind.equals("0.0.0.0") || bind.equals("::");
      if (!wildcard) {
        aliases.add(bind);
        if (host == null) {
          host = bind;
        }
      } else {
        aliases.add("127.0.0.1");
      }
    }
    if (host == null) {
      host = "127.0.0.1";
    }
    aliases.addAll(config.transport().advertisedHosts());
    InetSocketAddress tls = transport.listenAddress(TransportKind.TLS);
    return new ProxyAddress(host, bound.getPort(), aliases, tls == null ? -1 : tls.getPort());
  }

  public InetSocketAddress address(TransportKind kind) {
    return transport.listenAddress(kind);
  }

  private static byte[] random() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return secret;
  }

  /** The edge (admission, blocks, security events), or null when the service runs without one. */
  public Edge edge() {
    return edge;
  }

  /** UDP receive-queue fullness and kernel drops, for /metrics. */
  public NettyTransport transport() {
    return transport;
  }

  /** The proxy, or null when the service runs without one. */
  public Proxy proxy() {
    return proxy;
  }

  /**
   * Runs {@code ua} inside the node: the requests of its dialogs reach it first, and (with a proxy)
   * INVITEs to extensions nobody registered go to {@code unreachable}.
   */
  public void attach(LocalUserAgent ua, UnreachableTarget unreachable) {
    user.setLocalUserAgent(ua);
    if (proxy != null) {
      proxy.setUnreachableTarget(unreachable);
    }
  }

  /** Lets {@code hook} see requests inside dialogs the proxy relays (music on hold). */
  public void attachInDialog(dev.switchboard.server.proxy.InDialogHook hook) {
    if (proxy != null) {
      proxy.setInDialogHook(hook);
    }
  }

  /** The timer wheel, for services that run transactions of their own. */
  public TimerService timers() {
    return timers;
  }

  /** Where the proxy says it is (Via, Record-Route): a local UA's Contact goes there too. */
  public ProxyAddress ownAddress() {
    return proxyAddress();
  }

  /** The transaction layer, for services (a registrar, a UA) that send requests of their own. */
  public TransactionLayer transactions() {
    return transactions;
  }

  public TransportCounters transportCounters() {
    return transport.counters();
  }

  public TransactionCounters transactionCounters() {
    return transactions.counters();
  }

  @Override
  public void close() {
    transport.close();
    timers.close();
  }
}
