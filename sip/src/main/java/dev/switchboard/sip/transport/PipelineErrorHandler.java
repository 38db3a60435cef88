package dev.switchboard.sip.transport;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of every inbound pipeline: counts and logs what no handler took, so no exception or
 * message escapes to Netty's tail; a connection with an I/O error is closed, a UDP socket never.
 */
@Sharable
final class PipelineErrorHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(PipelineErrorHandler.class);

  private final TransportCounters counters;

  PipelineErrorHandler(TransportCounters counters) {
    this.counters = counters;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    counters.dropped.incrementAndGet();
    ReferenceCountUtil.release(msg);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    counters.pipelineErrors.incrementAndGet();
    log.debug("error on {}", ctx.channel(), cause);
    if (cause instanceof IOException && !(ctx.channel() instanceof DatagramChannel)) {
      ctx.close();
    }
  }
}
