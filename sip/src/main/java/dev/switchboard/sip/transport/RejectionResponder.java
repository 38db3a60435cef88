package dev.switchboard.sip.transport;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends a rejection's 400 back to where the bad request came from, or counts the drop. */
@Sharable
final class RejectionResponder extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(RejectionResponder.class);

  private final TransportCounters counters;

  RejectionResponder(TransportCounters counters) {
    this.counters = counters;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof Inbound.Rejected r)) {
      ctx.fireChannelRead(msg);
      return;
    }
    log.debug("rejected input from {}: {}", r.source(), r.reason());
    if (r.answer() == null) {
      counters.dropped.incrementAndGet();
      if (r.closeConnection()) {
        ctx.close();
      }
      return;
    }
    counters.badRequestsAnswered.incrementAndGet();
    ChannelFuture written =
        ctx.writeAndFlush(new Outgoing(r.answer().toBytes(), r.source().address()));
    written.addListener(
        f -> {
          if (f.isSuccess()) {
            counters.messagesOut.incrementAndGet();
          }
        });
    if (r.closeConnection()) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }
}
