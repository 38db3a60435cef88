package dev.switchboard.sip.transport;

import dev.switchboard.sip.message.MessageParser;
import dev.switchboard.sip.message.SipMessage;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.Via;
import dev.switchboard.sip.sigcomp.SigCompConfig;
import dev.switchboard.sip.sigcomp.SigCompEndpoint;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP transport layer over UDP, TCP and TLS on Netty (RFC 3261 §18, §26): listens, frames and
 * checks what arrives, and sends over a datagram or a reused connection.
 *
 * <pre>{@code
 * NettyTransport t = new NettyTransport(TransportConfig.listen("0.0.0.0", 5060), handler);
 * t.start();
 * t.send(request, Endpoint.udp(new InetSocketAddress("192.0.2.7", 5060)));
 * t.close();
 * }</pre>
 *
 * <p>The handler runs on an I/O thread and must not block. {@link #close()} must not be called from
 * one.
 */
public final class NettyTransport implements SipTransport, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NettyTransport.class);

  /** RFC 3261 §18.1.1: a request larger than this goes over TCP when the path MTU is unknown. */
  static final int UDP_REQUEST_LIMIT = 1300;

  private static final int EPHEMERAL_PAIR_ATTEMPTS = 8;

  private enum State {
    NEW,
    RUNNING,
    CLOSED
  }

  private final TransportConfig config;
  private final TransportCounters counters = new TransportCounters();
  private final ConnectionTable connections;
  // TLS flows apart from TCP ones (a peer address alone does not say which), under the same cap.
  private final ConnectionTable tlsConnections;
  private final Set<Channel> channels = ConcurrentHashMap.newKeySet();

  // Handlers shared by every channel; the decoders and idle handler are per connection.
  private final MessageParser parser;
  private final DatagramIntake datagramIntake;
  private final UdpBacklog backlog = new UdpBacklog();
  private final StreamEncoder streamEncoder = new StreamEncoder();
  private final ConnectionTracker connectionTracker;
  private final ConnectionTracker tlsTracker;
  private final TlsHandshakeWatcher tlsWatcher;
  private final IdleCloser idleCloser = new IdleCloser();
  private final MessageValidator validator;
  private final ViaStamper viaStamper;
  private final RejectionResponder rejectionResponder;
  private final PongResponder pongResponder;
  private final MessageDispatcher dispatcher;
  private final PipelineErrorHandler errorHandler;
  private final SigCompLayer sigComp;

  private volatile State state = State.NEW;
  private EventLoopGroup group;
  private Bootstrap connector;
  private volatile List<UdpEndpoint> udpEndpoints = List.of();
  private volatile List<Channel> tcpListeners = List.of();
  private volatile List<Channel> tlsListeners = List.of();
  private TlsConfig tls;
  private SslContext tlsContext;
  // Known only once bound; until then (never, in practice) no response passes the check.
  private volatile Predicate<Via> ourSentBy = via -> false;

  public NettyTransport(TransportConfig config, SipMessageHandler handler) {
    this(config, handler, SigCompConfig.defaults());
  }

  /** With SigComp (RFC 3320) set up as {@code sigCompConfig} says. */
  public NettyTransport(
      TransportConfig config, SipMessageHandler handler, SigCompConfig sigCompConfig) {
    this.config = Objects.requireNonNull(config);
    this.sigComp = new SigCompLayer(new SigCompEndpoint(sigCompConfig));
    Objects.requireNonNull(handler);
    this.parser = new MessageParser(config.limits());
    this.viaStamper = new ViaStamper(config.forceRport());
    this.connections = new ConnectionTable(config.maxConnections(), counters);
    this.connectionTracker = new ConnectionTracker(connections, counters);
    this.tlsConnections = new ConnectionTable(config.maxConnections(), counters);
    this.tlsTracker = new ConnectionTracker(tlsConnections, counters);
    this.tlsWatcher = new TlsHandshakeWatcher(counters);
    this.validator =
        new MessageValidator(config.checkResponseSentBy() ? via -> ourSentBy.test(via) : null);
    this.rejectionResponder = new RejectionResponder(counters);
    this.pongResponder = new PongResponder(counters);
    this.dispatcher = new MessageDispatcher(handler, counters);
    this.errorHandler = new PipelineErrorHandler(counters);
    this.datagramIntake =
        new DatagramIntake(parser, validator, viaStamper, handler, counters, sigComp);
  }

  /**
   * Also listens for TLS (RFC 3261 §26) on every bind address as {@code tlsConfig} says; call
   * before {@link #start()}.
   */
  public synchronized NettyTransport listenTls(TlsConfig tlsConfig) {
    if (state != State.NEW) {
      throw new IllegalStateException("TLS must be set up before the transport starts");
    }
    this.tls = Objects.requireNonNull(tlsConfig);
    return this;
  }

  /** Binds every configured address and port; on failure nothing stays open. */
  public synchronized NettyTransport start() throws IOException {
    if (state != State.NEW) {
      throw new IllegalStateException("transport already " + state);
    }
    if (tls != null) {
      tlsContext = tls.serverContext(); // a bad certificate fails before any socket opens
    }
    group =
        new MultiThreadIoEventLoopGroup(
            config.ioThreads(), new DefaultThreadFactory("sip-io"), NioIoHandler.newFactory());
    connector =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
            .handler(streamInitializer());
    state = State.RUNNING;
    try {
      bindAll();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
    ourSentBy = sentByCheck();
    log.info(
        "SIP transport listening on UDP {} ({} reader threads each), TCP {} and TLS {}",
        listenAddresses(TransportKind.UDP),
        config.udpReaders(),
        addresses(tcpListeners),
        addresses(tlsListeners));
    return this;
  }

  private void bindAll() throws IOException {
    List<UdpEndpoint> udp = new ArrayList<>();
    List<Channel> tcp = new ArrayList<>();
    int udpPort = config.udpPort();
    int tcpPort = config.tcpPort();
    for (String text : config.bindAddresses()) {
      InetAddress address = NetUtil.createInetAddressFromIpAddressString(text);
      if (udpPort == 0 && tcpPort == 0) {
        UdpEndpoint pairUdp = bindEphemeralPair(address, tcp);
        udp.add(pairUdp);
        udpPort = pairUdp.localAddress().getPort();
        tcpPort = udpPort;
        continue;
      }
      if (udpPort >= 0) {
        try {
          udp.add(bindUdp(address, udpPort));
        } catch (IOException | RuntimeException e) {
          udp.forEach(UdpEndpoint::close);
          throw e;
        }
        udpPort = udp.get(udp.size() - 1).localAddress().getPort();
      }
      if (tcpPort >= 0) {
        tcp.add(bindTcp(address, tcpPort));
        tcpPort = port(tcp.get(tcp.size() - 1));
      }
    }
    udpEndpoints = List.copyOf(udp);
    tcpListeners = List.copyOf(tcp);
    if (tls != null) {
      List<Channel> secure = new ArrayList<>();
      int tlsPort = tls.port();
      for (String text : config.bindAddresses()) {
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(text);
        secure.add(bindListener(address, tlsPort, "TLS", tlsInitializer()));
        tlsPort = port(secure.get(secure.size() - 1));
      }
      tlsListeners = List.copyOf(secure);
    }
  }

  /**
   * UDP on an ephemeral port, then TCP on the same number (added to {@code tcp}), retrying when TCP
   * has it taken.
   */
  private UdpEndpoint bindEphemeralPair(InetAddress address, List<Channel> tcp) throws IOException {
    for (int attempt = 1; ; attempt++) {
      UdpEndpoint udp = bindUdp(address, 0);
      int port = udp.localAddress().getPort();
      try {
        tcp.add(bindTcp(address, port));
        return udp;
      } catch (BindException e) {
        udp.close();
        if (attempt == EPHEMERAL_PAIR_ATTEMPTS) {
          throw e;
        }
        log.debug("TCP port {} taken, trying another pair", port);
      }
    }
  }

  private UdpEndpoint bindUdp(InetAddress address, int port) throws IOException {
    try {
      return UdpEndpoint.bind(
          address, port, config.udpReceiveBuffer(), config.udpReaders(), datagramIntake);
    } catch (BindException e) {
      BindException named =
          new BindException(
              "UDP "
                  + NetUtil.toSocketAddressString(address.getHostAddress(), port)
                  + ": "
                  + e.getMessage());
      named.initCause(e);
      throw named;
    }
  }

  private Channel bindTcp(InetAddress address, int port) throws IOException {
    return bindListener(address, port, "TCP", streamInitializer());
  }

  private Channel bindListener(
      InetAddress address, int port, String kind, ChannelInitializer<Channel> initializer)
      throws IOException {
    ChannelFuture f =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_REUSEADDR, true)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(initializer)
            .bind(address, port);
    return bound(f, kind, address, port);
  }

  private Channel bound(ChannelFuture f, String kind, InetAddress address, int port)
      throws IOException {
    f.awaitUninterruptibly();
    if (f.isSuccess()) {
      return f.channel();
    }
    Throwable cause = f.cause();
    String where = kind + " " + NetUtil.toSocketAddressString(address.getHostAddress(), port);
    if (cause instanceof BindException) {
      BindException e = new BindException(where + ": " + cause.getMessage());
      e.initCause(cause);
      throw e;
    }
    throw new IOException("cannot listen on " + where, cause);
  }

  private ChannelInitializer<Channel> streamInitializer() {
    long idle = config.tcpIdleTimeout().toMillis();
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        track(ch);
        ch.pipeline()
            .addLast("encoder", streamEncoder)
            .addLast("tracker", connectionTracker)
            .addLast("idle", new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS))
            .addLast("idleCloser", idleCloser)
            .addLast("decoder", new StreamDecoder(parser, sigComp))
            .addLast("validator", validator)
            .addLast("via", viaStamper)
            .addLast("rejections", rejectionResponder)
            .addLast("pong", pongResponder)
            .addLast("dispatcher", dispatcher)
            .addLast("errors", errorHandler);
      }
    };
  }

  /**
   * A TLS connection: the handshake first (bounded in time), then the same framing and checks as
   * TCP; the connection cap and idle timeout are the TCP ones.
   */
  private ChannelInitializer<Channel> tlsInitializer() {
    long idle = config.tcpIdleTimeout().toMillis();
    long handshake = tls.handshakeTimeout().toMillis();
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        track(ch);
        SslHandler ssl = tlsContext.newHandler(ch.alloc());
        ssl.setHandshakeTimeoutMillis(handshake);
        ch.pipeline()
            .addLast("tracker", tlsTracker)
            .addLast("tls", ssl)
            .addLast("tlsWatcher", tlsWatcher)
            .addLast("encoder", streamEncoder)
            .addLast("idle", new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS))
            .addLast("idleCloser", idleCloser)
            .addLast("decoder", new StreamDecoder(parser, sigComp, TransportKind.TLS))
            .addLast("validator", validator)
            .addLast("via", viaStamper)
            .addLast("rejections", rejectionResponder)
            .addLast("pong", pongResponder)
            .addLast("dispatcher", dispatcher)
            .addLast("errors", errorHandler);
      }
    };
  }

  private void track(Channel ch) {
    channels.add(ch);
    ch.closeFuture().addListener(f -> channels.remove(ch));
  }

  /** Our sent-by values: bound addresses (every local one for a wildcard) and advertised names. */
  private SentByCheck sentByCheck() throws SocketException {
    Set<InetAddress> addresses = new HashSet<>();
    Set<Integer> ports = new HashSet<>();
    boolean wildcard = false;
    List<InetSocketAddress> bound = new ArrayList<>(listenAddresses(TransportKind.UDP));
    bound.addAll(addresses(tcpListeners));
    bound.addAll(addresses(tlsListeners));
    for (InetSocketAddress local : bound) {
      ports.add(local.getPort());
      wildcard |= local.getAddress().isAnyLocalAddress();
      addresses.add(local.getAddress());
    }
    if (wildcard) {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        addresses.addAll(Collections.list(nif.getInetAddresses()));
      }
    }
    return new SentByCheck(addresses, new HashSet<>(config.advertisedHosts()), ports);
  }

  @Override
  public CompletionStage<Void> send(SipMessage message, Endpoint to) {
    Objects.requireNonNull(message);
    Objects.requireNonNull(to);
    if (state != State.RUNNING) {
      return CompletableFuture.failedFuture(new IllegalStateException("transport not running"));
    }
    InetSocketAddress address = to.address();
    if (address.isUnresolved()) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("unresolved address " + address + " (resolve first)"));
    }
    try {
      return switch (to.transport()) {
        case UDP -> sendDatagram(message, address);
        case TCP -> sendStream(message, message.toBytes(), address);
        case TLS -> sendOverTlsFlow(message, address);
        default ->
            CompletableFuture.failedFuture(
                new UnsupportedOperationException(to.transport() + " is not served here"));
      };
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletionStage<Void> sendEncoded(byte[] wire, Endpoint to) {
    if (state != State.RUNNING) {
      return CompletableFuture.failedFuture(new IllegalStateException("transport not running"));
    }
    if (to.transport() != TransportKind.UDP || to.address().isUnresolved()) {
      return CompletableFuture.failedFuture(
          new UnsupportedOperationException("encoded messages go over UDP only, not to " + to));
    }
    return sendUdp(wire, to.address());
  }

  private CompletableFuture<Void> sendDatagram(SipMessage message, InetSocketAddress to) {
    byte[] bytes = message.toBytes();
    if (message instanceof SipRequest request
        && bytes.length > UDP_REQUEST_LIMIT
        && !tcpListeners.isEmpty()) {
      return sendLargeRequest(request, bytes, to);
    }
    return sendUdp(sigComp.outgoing(message, bytes, false), to);
  }

  /** Sends on the calling thread: a datagram socket takes it at once, no hand-off needed. */
  private CompletableFuture<Void> sendUdp(byte[] bytes, InetSocketAddress to) {
    UdpEndpoint udp = udpEndpointFor(to);
    if (udp == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("UDP is not enabled"));
    }
    try {
      udp.send(bytes, to);
      counters.messagesOut.incrementAndGet();
      return CompletableFuture.completedFuture(null);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * RFC 3261 §18.1.1: a large request goes over TCP with its top Via saying so; if the connection
   * is refused it goes over UDP after all, as sent.
   */
  private CompletableFuture<Void> sendLargeRequest(
      SipRequest request, byte[] bytes, InetSocketAddress to) {
    Via top = request.topVia();
    byte[] udpBytes = bytes;
    if (!top.transport().equals("UDP")) {
      request.setTopVia(withTransport(top, "UDP"));
      udpBytes = request.toBytes();
    }
    request.setTopVia(withTransport(top, "TCP"));
    byte[] tcpBytes = request.toBytes();
    byte[] fallback = udpBytes;
    CompletableFuture<Void> result = new CompletableFuture<>();
    sendStream(request, tcpBytes, to)
        .whenComplete(
            (ok, error) -> {
              Throwable cause = unwrap(error);
              if (cause instanceof ConnectException && udpEndpointFor(to) != null) {
                log.debug("TCP to {} refused, sending the large request over UDP", to);
                sendUdp(fallback, to).whenComplete(relay(result));
              } else {
                relay(result).accept(ok, cause);
              }
            });
    return result;
  }

  private static Via withTransport(Via via, String transport) {
    return new Via(transport, via.host(), via.port(), via.params());
  }

  /**
   * Over a connection the peer opened speaking SigComp, every message goes compressed and record
   * marked (RFC 3320 §4.2; SIP and SigComp never share a connection, RFC 5049 §4).
   */
  private CompletableFuture<Void> sendStream(
      SipMessage message, byte[] bytes, InetSocketAddress to) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    connections
        .obtain(to, connector::connect)
        .whenComplete(
            (channel, error) -> {
              if (error != null) {
                result.completeExceptionally(unwrap(error));
              } else {
                byte[] out =
                    StreamDecoder.isSigComp(channel)
                        ? sigComp.outgoingOnSigCompStream(message, bytes, to.getAddress())
                        : bytes;
                if (out == null) {
                  result.completeExceptionally(
                      new IOException("SigComp refused to compress for " + to));
                  return;
                }
                write(channel, new Outgoing(out, to)).whenComplete(relay(result));
              }
            });
    return result;
  }

  /**
   * Over the TLS connection the peer opened (RFC 3261 §18.2.2, flow reuse): this server does not
   * open TLS connections of its own, since a bare address names no certificate to check.
   */
  private CompletableFuture<Void> sendOverTlsFlow(SipMessage message, InetSocketAddress to) {
    Channel channel = tlsConnections.find(to);
    if (channel == null) {
      return CompletableFuture.failedFuture(new ConnectException("no TLS connection from " + to));
    }
    return write(channel, new Outgoing(message.toBytes(), to));
  }

  private CompletableFuture<Void> write(Channel channel, Outgoing out) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    channel
        .writeAndFlush(out)
        .addListener(
            f -> {
              if (f.isSuccess()) {
                counters.messagesOut.incrementAndGet();
                result.complete(null);
              } else {
                result.completeExceptionally(f.cause());
              }
            });
    return result;
  }

  private static java.util.function.BiConsumer<Void, Throwable> relay(
      CompletableFuture<Void> target) {
    return (ok, error) -> {
      if (error != null) {
        target.completeExceptionally(unwrap(error));
      } else {
        target.complete(null);
      }
    };
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  /**
   * A UDP socket that can reach {@code to}: same address family, and not loopback-bound for a
   * remote peer; a dual-stack wildcard socket reaches either family.
   */
  private UdpEndpoint udpEndpointFor(InetSocketAddress to) {
    List<UdpEndpoint> udp = udpEndpoints;
    boolean v6 = to.getAddress() instanceof Inet6Address;
    UdpEndpoint fallback = null;
    for (UdpEndpoint ch : udp) {
      InetAddress local = ch.localAddress().getAddress();
      boolean sameFamily = (local instanceof Inet6Address) == v6;
      boolean reachable =
          local.isAnyLocalAddress()
              || local.isLoopbackAddress() == to.getAddress().isLoopbackAddress();
      if (sameFamily && reachable) {
        return ch;
      }
      if (fallback == null && local.isAnyLocalAddress() && local instanceof Inet6Address) {
        fallback = ch;
      }
    }
    return fallback != null ? fallback : udp.isEmpty() ? null : udp.get(0);
  }

  @Override
  public InetSocketAddress listenAddress(TransportKind kind) {
    List<InetSocketAddress> all = listenAddresses(kind);
    return all.isEmpty() ? null : all.get(0);
  }

  /** Every address we listen on for {@code kind}, in the configured order. */
  public List<InetSocketAddress> listenAddresses(TransportKind kind) {
    return switch (kind) {
      case UDP ->
          udpEndpoints.stream().filter(UdpEndpoint::isOpen).map(UdpEndpoint::localAddress).toList();
      case TCP -> addresses(tcpListeners);
      case TLS -> addresses(tlsListeners);
      default -> List.of();
    };
  }

  private static List<InetSocketAddress> addresses(List<Channel> list) {
    return list.stream()
        .filter(Channel::isActive)
        .map(ch -> (InetSocketAddress) ch.localAddress())
        .toList();
  }

  /**
   * How full the fullest UDP receive queue is, as a fraction of its buffer (0: the readers keep up;
   * towards 1: the kernel is about to drop), or -1 when this OS does not tell. Cheap: sampled at
   * most every 20 ms.
   */
  public double udpBacklog() {
    return backlog.fraction(udpEndpoints);
  }

  /** Installs the look at each datagram before it is parsed (see {@link DatagramGate}). */
  public void setDatagramGate(DatagramGate gate) {
    datagramIntake.setGate(java.util.Objects.requireNonNull(gate));
  }

  /** Nanoseconds the UDP reader threads spent processing datagrams (not waiting for them). */
  public long udpBusyNanos() {
    return udpEndpoints.stream().mapToLong(UdpEndpoint::busyNanos).sum();
  }

  /** Datagrams the kernel dropped on our UDP sockets because the receive buffer was full. */
  public long udpKernelDrops() {
    return backlog.drops(udpEndpoints);
  }

  /** The receive buffer the OS granted each UDP socket, in bytes (the smallest of them). */
  public int udpReceiveBuffer() {
    return udpEndpoints.stream().mapToInt(UdpEndpoint::receiveBuffer).min().orElse(0);
  }

  public TransportCounters counters() {
    return counters;
  }

  /** The SigComp endpoint: its counters, compartments and states, for /metrics. */
  public SigCompEndpoint sigComp() {
    return sigComp.endpoint();
  }

  /** Whether a TCP connection to {@code peer} is open (for tests and diagnostics). */
  public boolean hasConnection(InetSocketAddress peer) {
    return connections.find(peer) != null;
  }

  /** Whether a connection of {@code flow}'s kind to its address is open: a flow to reuse. */
  public boolean hasConnection(Endpoint flow) {
    return switch (flow.transport()) {
      case TCP -> connections.find(flow.address()) != null;
      case TLS -> tlsConnections.find(flow.address()) != null;
      default -> false;
    };
  }

  /** Installs the look at each connection a peer opens, TCP or TLS (see {@link ConnectionGate}). */
  public void setConnectionGate(ConnectionGate gate) {
    Objects.requireNonNull(gate);
    connectionTracker.setGate(gate);
    tlsTracker.setGate(gate);
  }

  /** Closes every socket and stops the I/O threads; idempotent. */
  @Override
  public synchronized void close() {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    // Listening sockets first, so nothing new arrives while connections close.
    udpEndpoints.forEach(UdpEndpoint::close);
    for (Channel ch : tcpListeners) {
      ch.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    for (Channel ch : tlsListeners) {
      ch.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    for (Channel ch : List.copyOf(channels)) {
      ch.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    udpEndpoints = List.of();
    tcpListeners = List.of();
    tlsListeners = List.of();
    if (group != null) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
  }

  private static int port(Channel ch) {
    return ((InetSocketAddress) ch.localAddress()).getPort();
  }
}
