package dev.switchboard.sip.transport;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enters each TCP or TLS connection in its connection table when it opens and removes it on close;
 * a connection a peer opened from a source the gate refuses is closed first.
 */
@Sharable
final class ConnectionTracker extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ConnectionTracker.class);

  private final ConnectionTable table;
  private final TransportCounters counters;
  private volatile ConnectionGate gate = ConnectionGate.OPEN;

  ConnectionTracker(ConnectionTable table, TransportCounters counters) {
    this.table = table;
    this.counters = counters;
  }

  void setGate(ConnectionGate gate) {
    this.gate = gate;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    // Only accepted connections (they have a parent) come from a peer we may not want.
    if (ctx.channel().parent() != null
        && !gate.admit((InetSocketAddress) ctx.channel().remoteAddress())) {
      counters.connectionsRefused.incrementAndGet();
      ctx.close();
      return;
    }
    if (!table.admit(ctx.channel())) {
      log.debug("connection limit reached, closing {}", ctx.channel());
      counters.dropped.incrementAndGet();
      ctx.close();
      return;
    }
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    table.release(ctx.channel(), (InetSocketAddress) ctx.channel().remoteAddress());
    ctx.fireChannelInactive();
  }
}
