package dev.switchboard.sip.transport;

import dev.switchboard.sip.message.ParseLimits;
import io.netty.util.NetUtil;
import java.time.Duration;
import java.util.List;

/**
 * How a {@link NettyTransport} listens: addresses, ports, threads, parse limits and TCP connection
 * bounds.
 *
 * @param bindAddresses IP literals to listen on, e.g. {@code 0.0.0.0}, {@code ::} (dual stack on
 *     Linux) or {@code 127.0.0.1}; the first one is what {@link NettyTransport#listenAddress}
 *     reports
 * @param udpPort UDP port; 0 for ephemeral, -1 for no UDP
 * @param tcpPort TCP port; 0 for ephemeral, -1 for no TCP. When both ports are 0 they get one
 *     shared ephemeral number, so a request moved from UDP to TCP keeps a valid Via sent-by
 * @param ioThreads event loop threads
 * @param limits bounds on what one message may make the parser allocate
 * @param forceRport treat every request as if its top Via asked for rport (RFC 3581), so UDP
 *     responses go back to the source port: what a server facing NATed phones must do
 * @param tcpIdleTimeout a TCP connection that neither reads nor writes this long is closed
 * @param connectTimeout how long an outbound TCP connect may take
 * @param maxConnections cap on open TCP connections, inbound and outbound together
 * @param checkResponseSentBy drop responses whose top Via sent-by is not ours (RFC 3261 §18.1.2)
 * @param advertisedHosts extra sent-by hosts that count as ours (a domain, a public NAT address)
 * @param udpReceiveBuffer bytes of kernel receive buffer asked for each UDP socket: what absorbs a
 *     burst while every reader is busy (Linux caps it at net.core.rmem_max; that is logged)
 * @param udpReaders threads that receive and process datagrams on each UDP socket
 */
public record TransportConfig(
    List<String> bindAddresses,
    int udpPort,
    int tcpPort,
    int ioThreads,
    ParseLimits limits,
    Duration tcpIdleTimeout,
    Duration connectTimeout,
    int maxConnections,
    boolean checkResponseSentBy,
    List<String> advertisedHosts,
    boolean forceRport,
    int udpReceiveBuffer,
    int udpReaders) {

  /** 8 MiB: some 16,000 typical requests, over a second of load at full rate. */
  public static final int DEFAULT_UDP_RECEIVE_BUFFER = 8 << 20;

  public TransportConfig {
    bindAddresses = List.copyOf(bindAddresses);
    advertisedHosts = List.copyOf(advertisedHosts);
    if (bindAddresses.isEmpty()) {
      throw new IllegalArgumentException("at least one bind address is needed");
    }
    for (String a : bindAddresses) {
      // Literals only: resolving a name here would block, and a name can map to several hosts.
      if (NetUtil.createByteArrayFromIpAddressString(a) == null) {
        throw new IllegalArgumentException("bind address must be an IP literal: " + a);
      }
    }
    if (udpPort < -1 || udpPort > 65535 || tcpPort < -1 || tcpPort > 65535) {
      throw new IllegalArgumentException("ports must be -1 (off), 0 (ephemeral) or 1-65535");
    }
    if (udpPort < 0 && tcpPort < 0) {
      throw new IllegalArgumentException("neither UDP nor TCP is enabled");
    }
    if (ioThreads < 1 || maxConnections < 1 || udpReaders < 1 || udpReceiveBuffer < 1) {
      throw new IllegalArgumentException(
          "ioThreads, maxConnections, udpReaders and udpReceiveBuffer must be positive");
    }
    if (tcpIdleTimeout.isNegative()
        || tcpIdleTimeout.isZero()
        || connectTimeout.isNegative()
        || connectTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }

  /** UDP and TCP on {@code port} (0: one shared ephemeral number) at {@code bindAddress}. */
  public static TransportConfig listen(String bindAddress, int port) {
    return new TransportConfig(
        List.of(bindAddress),
        port,
        port,
        Runtime.getRuntime().availableProcessors(),
        ParseLimits.DEFAULT,
        Duration.ofMinutes(10),
        Duration.ofSeconds(10),
        10_000,
        true,
        List.of(),
        true,
        DEFAULT_UDP_RECEIVE_BUFFER,
        Runtime.getRuntime().availableProcessors());
  }

  public TransportConfig withBindAddresses(List<String> addresses) {
    return new TransportConfig(
        addresses,
        udpPort,
        tcpPort,
        ioThreads,
        limits,
        tcpIdleTimeout,
        connectTimeout,
        maxConnections,
        checkResponseSentBy,
        advertisedHosts,
        forceRport,
        udpReceiveBuffer,
        udpReaders);
  }

  public TransportConfig withPorts(int udp, int tcp) {
    return new TransportConfig(
        bindAddresses,
        udp,
        tcp,
        ioThreads,
        limits,
        tcpIdleTimeout,
        connectTimeout,
        maxConnections,
        checkResponseSentBy,
        advertisedHosts,
        forceRport,
        udpReceiveBuffer,
        udpReaders);
  }

  public TransportConfig withIoThreads(int threads) {
    return new TransportConfig(
        bindAddresses,
        udpPort,
        tcpPort,
        threads,
        limits,
        tcpIdleTimeout,
        connectTimeout,
        maxConnections,
        checkResponseSentBy,
        advertisedHosts,
        forceRport,
        udpReceiveBuffer,
        udpReaders);
  }

  public TransportConfig withLimits(ParseLimits parseLimits) {
    return new TransportConfig(
        bindAddresses,
        udpPort,
        tcpPort,
        ioThreads,
        parseLimits,
        tcpIdleTimeout,
        connectTimeout,
        maxConnections,
        checkResponseSentBy,
        advertisedHosts,
        forceRport,
        udpReceiveBuffer,
        udpReaders);
  }

  public TransportConfig withTcpIdleTimeout(Duration idle) {
    return new TransportConfig(
        bindAddresses,
        udpPort,
        tcpPort,
        ioThreads,
        limits,
        idle,
        connectTimeout,
        maxConnections,
        checkResponseSentBy,
        advertisedHosts,
        forceRport,
        udpReceiveBuffer,
        udpReaders);
  }

  public TransportConfig withMaxConnections(int max) {
    return new TransportConfig(
        bindAddresses,
        udpPort,
        tcpPort,
        ioThreads,
        limits,
        tcpIdleTimeout,
        connectTimeout,
        max,
        checkResponseSentBy,
        advertisedHosts,
        forceRport,
        udpReceiveBuffer,
        udpReaders);
  }

  public TransportConfig withCheckResponseSentBy(boolean check) {
    return new TransportConfig(
        bindAddresses,
        udpPort,
        tcpPort,
        ioThreads,
        limits,
        tcpIdleTimeout,
        connectTimeout,
        maxConnections,
        check,
        advertisedHosts,
        forceRport,
        udpReceiveBuffer,
        udpReaders);
  }

  public TransportConfig withAdvertisedHosts(List<String> hosts) {
    return new TransportConfig(
        bindAddresses,
        udpPort,
        tcpPort,
        ioThreads,
        limits,
        tcpIdleTimeout,
        connectTimeout,
        maxConnections,
        checkResponseSentBy,
        hosts,
        forceRport,
        udpReceiveBuffer,
        udpReaders);
  }

  /** UDP receive buffer and reader threads per socket. */
  public TransportConfig withUdp(int receiveBuffer, int readers) {
    return new TransportConfig(
        bindAddresses,
        udpPort,
        tcpPort,
        ioThreads,
        limits,
        tcpIdleTimeout,
        connectTimeout,
        maxConnections,
        checkResponseSentBy,
        advertisedHosts,
        forceRport,
        receiveBuffer,
        readers);
  }
}
