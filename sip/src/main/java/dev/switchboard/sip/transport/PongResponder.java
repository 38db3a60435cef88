package dev.switchboard.sip.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Answers a CRLFCRLF keep-alive ping with a CRLF pong (RFC 5626 §3.5.1). */
@Sharable
final class PongResponder extends ChannelInboundHandlerAdapter {
  private static final byte[] PONG = {'\r', '\n'};

  private final TransportCounters counters;

  PongResponder(TransportCounters counters) {
    this.counters = counters;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof Inbound.Ping) {
      counters.keepAlives.incrementAndGet();
      ctx.writeAndFlush(Unpooled.wrappedBuffer(PONG));
    } else {
      ctx.fireChannelRead(msg);
    }
  }
}
