package dev.switchboard.sip.transport;

import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.Via;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Records where a request really came from in its top Via: {@code received} (RFC 3261 §18.2.1) and
 * the {@code rport} value (RFC 3581 §4), so responses find their way back through NATs.
 */
@Sharable
final class ViaStamper extends ChannelInboundHandlerAdapter {
  private final boolean forceRport;

  ViaStamper(boolean forceRport) {
    this.forceRport = forceRport;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    apply(msg);
    ctx.fireChannelRead(msg);
  }

  /** Stamps the top Via of a received request in place. */
  void apply(Object msg) {
    if (msg instanceof Inbound.Received r && r.message() instanceof SipRequest request) {
      Via top = request.topVia();
      Via stamped = stamp(forceRport ? withRport(top) : top, r.source().address());
      if (stamped != top) {
        request.setTopVia(stamped);
      }
    }
  }

  /** As if the client had asked for rport (Kamailio's force_rport): NATs hide the real port. */
  static Via withRport(Via via) {
    return via.hasRport() ? via : via.withParam("rport", null);
  }

  /** The Via with received and rport filled in for a request from {@code source}. */
  static Via stamp(Via via, InetSocketAddress source) {
    InetAddress from = source.getAddress();
    Via out = via;
    // RFC 3581 wants received even when it equals sent-by once the client asked for rport.
    if (via.hasRport() || !from.equals(HostLiteral.parse(via.host()))) {
      out = out.withParam("received", HostLiteral.text(from));
    }
    if (via.hasRport() && via.param("rport") == null) {
      out = out.withParam("rport", Integer.toString(source.getPort()));
    }
    return out;
  }
}
