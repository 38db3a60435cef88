package dev.switchboard.sip.transport;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.nio.channels.ClosedChannelException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a TLS connection whose handshake failed (bad certificate, old protocol, plain text on the
 * TLS port, timeout) and counts it; the other connections never notice.
 */
@Sharable
final class TlsHandshakeWatcher extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(TlsHandshakeWatcher.class);

  private final TransportCounters counters;

  TlsHandshakeWatcher(TransportCounters counters) {
    this.counters = counters;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
      // A connection closed before its handshake (refused at the gate, or the peer left) did not
      // fail one.
      if (!(done.cause() instanceof ClosedChannelException)) {
        counters.tlsHandshakeFailures.incrementAndGet();
      }
      log.debug("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(), done.cause());
      ctx.close();
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A record that does not decrypt after the handshake: the stream is lost, so is the connection.
    if (cause instanceof DecoderException && cause.getCause() instanceof SSLException) {
      log.debug("TLS error on {}: {}", ctx.channel(), cause.getCause().getMessage());
      ctx.close();
      return;
    }
    ctx.fireExceptionCaught(cause);
  }
}
