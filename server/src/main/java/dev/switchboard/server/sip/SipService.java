package dev.switchboard.server.sip;

import dev.switchboard.sip.transaction.HashedWheelTimerService;
import dev.switchboard.sip.transaction.TransactionCounters;
import dev.switchboard.sip.transaction.TransactionLayer;
import dev.switchboard.sip.transport.NettyTransport;
import dev.switchboard.sip.transport.TransportCounters;
import dev.switchboard.sip.transport.TransportKind;
import java.io.IOException;
import java.net.InetSocketAddress;

/** The running SIP side of a node: transport, transaction layer and the transaction user. */
public final class SipService implements AutoCloseable {
  private final NettyTransport transport;
  private final TransactionLayer transactions;
  private final HashedWheelTimerService timers;

  private SipService(SipServiceConfig config) {
    this.timers = new HashedWheelTimerService();
    // The transport hands inbound messages to the layer, which needs the transport to send.
    this.transport = new NettyTransport(config.transport(), (m, src) -> layer().onMessage(m, src));
    this.transactions = new TransactionLayer(transport, timers, config.timers());
    this.transactions.setUser(new CoreUser(Capabilities.CURRENT, config.serverName()));
  }

  private TransactionLayer layer() {
    return transactions;
  }

  /** Binds the sockets and starts answering. */
  public static SipService start(SipServiceConfig config) throws IOException {
    SipService s = new SipService(config);
    try {
      s.transport.start();
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  public InetSocketAddress address(TransportKind kind) {
    return transport.listenAddress(kind);
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
