package dev.switchboard.sip.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/** Wraps outgoing bytes in a datagram addressed to their destination. */
@Sharable
final class DatagramEncoder extends MessageToMessageEncoder<Outgoing> {
  DatagramEncoder() {
    super(Outgoing.class);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Outgoing msg, List<Object> out) {
    out.add(new DatagramPacket(Unpooled.wrappedBuffer(msg.bytes()), msg.to()));
  }
}
