package dev.switchboard.sip.transport;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Enters each TCP connection in the connection table when it opens and removes it on close. */
@Sharable
final class ConnectionTracker extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ConnectionTracker.class);

  private final ConnectionTable table;
  private final TransportCounters counters;

  ConnectionTracker(ConnectionTable table, TransportCounters counters) {
    this.table = table;
    this.counters = counters;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
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
