package dev.switchboard.sip.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/** Writes outgoing bytes onto a connection as they are: the message itself carries its framing. */
@Sharable
final class StreamEncoder extends MessageToMessageEncoder<Outgoing> {
  StreamEncoder() {
    super(Outgoing.class);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Outgoing msg, List<Object> out) {
    out.add(Unpooled.wrappedBuffer(msg.bytes()));
  }
}
