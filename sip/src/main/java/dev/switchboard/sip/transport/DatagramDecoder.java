package dev.switchboard.sip.transport;

import dev.switchboard.sip.message.MessageParser;
import dev.switchboard.sip.message.SipParseException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/** Parses each datagram as one SIP message (RFC 3261 §18.3); bare CRLFs are ignored. */
@Sharable
final class DatagramDecoder extends MessageToMessageDecoder<DatagramPacket> {
  private final MessageParser parser;
  private final TransportCounters counters;

  DatagramDecoder(MessageParser parser, TransportCounters counters) {
    super(DatagramPacket.class);
    this.parser = parser;
    this.counters = counters;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
    ByteBuf content = packet.content();
    Endpoint source = Endpoint.udp(packet.sender());
    if (onlyLineBreaks(content)) {
      // A CRLF keep-alive; RFC 5626 answers UDP keep-alives with STUN, which we do not speak.
      if (content.isReadable()) {
        counters.keepAlives.incrementAndGet();
      } else {
        counters.dropped.incrementAndGet();
      }
      return;
    }
    byte[] bytes = ByteBufUtil.getBytes(content);
    try {
      out.add(new Inbound.Received(parser.parseDatagram(bytes, 0, bytes.length), source));
    } catch (SipParseException e) {
      out.add(
          new Inbound.Rejected(
              parser.badRequest(bytes, 0, bytes.length, e), e.reasonPhrase(), source, false));
    }
  }

  private static boolean onlyLineBreaks(ByteBuf b) {
    for (int i = b.readerIndex(); i < b.writerIndex(); i++) {
      byte c = b.getByte(i);
      if (c != '\r' && c != '\n') {
        return false;
      }
    }
    return true;
  }
}
