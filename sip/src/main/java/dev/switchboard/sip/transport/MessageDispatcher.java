package dev.switchboard.sip.transport;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Hands each accepted message to the layer above, on the I/O thread: the handler must not block.
 */
@Sharable
final class MessageDispatcher extends ChannelInboundHandlerAdapter {
  private final SipMessageHandler handler;
  private final TransportCounters counters;

  MessageDispatcher(SipMessageHandler handler, TransportCounters counters) {
    this.handler = handler;
    this.counters = counters;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof Inbound.Received r) {
      counters.messagesIn.incrementAndGet();
      handler.onMessage(r.message(), r.source());
    } else {
      ctx.fireChannelRead(msg);
    }
  }
}
