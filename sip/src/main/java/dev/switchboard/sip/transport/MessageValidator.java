package dev.switchboard.sip.transport;

import dev.switchboard.sip.message.SipMessage;
import dev.switchboard.sip.message.SipParseException;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.message.Via;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.function.Predicate;

/**
 * Lets through only messages the layers above can rely on: a request that fails {@link
 * SipRequest#validate()} becomes a 400 rejection, a bad response or one whose sent-by is not ours
 * (RFC 3261 §18.1.2) a silent drop.
 */
@Sharable
final class MessageValidator extends ChannelInboundHandlerAdapter {
  private final Predicate<Via> ourSentBy;

  /** {@code ourSentBy} null: accept responses whatever their sent-by. */
  MessageValidator(Predicate<Via> ourSentBy) {
    this.ourSentBy = ourSentBy;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ctx.fireChannelRead(msg instanceof Inbound.Received r ? check(r) : msg);
  }

  /** The message as it may go on, or its rejection. */
  Inbound check(Inbound.Received r) {
    SipMessage m = r.message();
    try {
      if (m instanceof SipRequest request) {
        request.validate();
      } else {
        SipResponse response = (SipResponse) m;
        response.validate();
        if (ourSentBy != null && !ourSentBy.test(response.topVia())) {
          return new Inbound.Rejected(null, "sent-by is not ours", r.source(), false);
        }
      }
      return r;
    } catch (SipParseException e) {
      SipResponse answer =
          m instanceof SipRequest request && answerable(request)
              ? request.createResponse(400, e.reasonPhrase())
              : null;
      return new Inbound.Rejected(answer, e.reasonPhrase(), r.source(), false);
    }
  }

  /**
   * A 400 needs a Via to go back along, and ACK is never answered (RFC 3261 §17.2.3); broken or
   * missing From, To, Call-ID and CSeq are echoed as they are (RFC 4475 §3.1.2).
   */
  private static boolean answerable(SipRequest request) {
    if (request.isMethod(SipRequest.ACK)) {
      return false;
    }
    try {
      request.topVia();
      return true;
    } catch (SipParseException e) {
      return false;
    }
  }
}
