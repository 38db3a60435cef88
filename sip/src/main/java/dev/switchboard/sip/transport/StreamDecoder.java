package dev.switchboard.sip.transport;

import dev.switchboard.sip.message.MessageParser;
import dev.switchboard.sip.message.ParseLimits;
import dev.switchboard.sip.message.SipMessage;
import dev.switchboard.sip.message.SipParseException;
import dev.switchboard.sip.message.StreamFramer;
import dev.switchboard.sip.sigcomp.DecompressedMessage;
import dev.switchboard.sip.sigcomp.DecompressionFailure;
import dev.switchboard.sip.sigcomp.RecordDeframer;
import dev.switchboard.sip.sigcomp.RecordMarking;
import dev.switchboard.sip.sigcomp.SigCompFraming;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Cuts a connection's byte stream into SIP messages by Content-Length (RFC 3261 §18.3), turns
 * CRLFCRLF into keep-alive pings (RFC 5626 §3.5.1), and gives up on the connection when the stream
 * cannot be framed. A connection whose first byte is a SigComp one carries record-marked SigComp
 * messages instead (RFC 3320 §4.2.2), each decompressed before it is parsed. One instance per
 * connection.
 */
final class StreamDecoder extends ByteToMessageDecoder {
  private static final AttributeKey<Boolean> SIGCOMP = AttributeKey.valueOf("sigcomp");

  private static final int KEEP_ALIVE_WINDOW = 64;
  private static final int BODY_WINDOW = 4096;

  private final MessageParser parser;
  private final SigCompLayer sigComp;
  private final TransportKind kind;
  private final StreamFramer framer;
  private final int maxMessageBytes;

  // Bytes from the reader index already searched for the end of the headers, so a message that
  // trickles in byte by byte is not rescanned from its start on every read.
  private int scanned;
  // Where the headers of the message at the reader index end (relative to it), or -1 if unknown.
  private int headerEnd = -1;
  private boolean failed;
  private Endpoint source;
  private boolean decided;
  private RecordDeframer records; // set when the connection speaks SigComp

  StreamDecoder(MessageParser parser, SigCompLayer sigComp) {
    this(parser, sigComp, TransportKind.TCP);
  }

  /** A decoder for a connection of {@code kind} (TCP or TLS), which its sources are marked with. */
  StreamDecoder(MessageParser parser, SigCompLayer sigComp, TransportKind kind) {
    this.kind = kind;
    this.parser = parser;
    this.sigComp = sigComp;
    ParseLimits limits = parser.limits();
    this.framer = new StreamFramer(limits);
    this.maxMessageBytes = limits.maxMessageBytes();
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    int readable = in.readableBytes();
    if (failed) {
      in.skipBytes(readable);
      return;
    }
    if (readable == 0) {
      return;
    }
    int r = in.readerIndex();
    if (!decided) {
      decided = true;
      if (SigCompFraming.isSigComp(in.getByte(r))) {
        records = sigComp.endpoint().newStreamDeframer();
        ctx.channel().attr(SIGCOMP).set(Boolean.TRUE);
      }
    }
    if (records != null) {
      decodeSigComp(ctx, in, out);
      return;
    }
    int whole = Math.min(readable, maxMessageBytes);
    int window;
    if (isLineBreak(in.getByte(r))) {
      window = Math.min(whole, KEEP_ALIVE_WINDOW);
    } else {
      if (headerEnd < 0) {
        headerEnd = blankLine(in, r + Math.max(0, scanned - 3), in.writerIndex());
        if (headerEnd < 0) {
          scanned = readable;
          if (readable >= maxMessageBytes) {
            fail(ctx, in, new SipParseException("message too large"), out);
          }
          return;
        }
        headerEnd -= r;
      }
      // Most messages fit in the headers plus a little body: copy that much, not the whole buffer.
      window = Math.min(whole, headerEnd + BODY_WINDOW);
    }
    byte[] bytes;
    StreamFramer.Frame frame;
    try {
      bytes = ByteBufUtil.getBytes(in, r, window);
      frame = framer.next(bytes, 0, window);
      if (frame instanceof StreamFramer.NeedMore && window < whole) {
        window = whole;
        bytes = ByteBufUtil.getBytes(in, r, window);
        frame = framer.next(bytes, 0, window);
      }
    } catch (SipParseException e) {
      fail(ctx, in, e, out);
      return;
    }
    int len = window;
    if (frame instanceof StreamFramer.KeepAlive k) {
      if (k.length() == len && len < 4 && isPingPrefix(bytes, len)) {
        return; // maybe the first half of a CRLFCRLF ping: wait for the rest
      }
      in.skipBytes(k.length());
      scanned = 0;
      if (k.doubleCrlf()) {
        out.add(new Inbound.Ping(source(ctx)));
      }
    } else if (frame instanceof StreamFramer.Message m) {
      in.skipBytes(m.skip() + m.length());
      scanned = 0;
      headerEnd = -1;
      out.add(parse(bytes, m.skip(), m.length(), source(ctx)));
    }
    // NeedMore: wait for the rest of the body.
  }

  /** Whether the peer opened {@code channel} speaking SigComp: what we send on it is compressed. */
  static boolean isSigComp(Channel channel) {
    return Boolean.TRUE.equals(channel.attr(SIGCOMP).get());
  }

  private void decodeSigComp(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    byte[] chunk = ByteBufUtil.getBytes(in);
    in.skipBytes(chunk.length);
    Endpoint from = source(ctx);
    List<byte[]> messages;
    try {
      messages = records.feed(chunk, 0, chunk.length);
    } catch (DecompressionFailure e) {
      // A broken record stream cannot be resynchronised: close it (RFC 3320 §4.2.2).
      failed = true;
      out.add(new Inbound.Rejected(null, e.getMessage(), from, true));
      return;
    }
    for (byte[] m : messages) {
      DecompressedMessage d =
          sigComp.decompress(
              m,
              from,
              true,
              nack -> ctx.writeAndFlush(new Outgoing(RecordMarking.encode(nack), from.address())));
      if (d == null) {
        continue;
      }
      byte[] sip = d.message();
      try {
        SipMessage message = parser.parseDatagram(sip, 0, sip.length);
        sigComp.attach(message, d, from);
        out.add(new Inbound.Received(message, from));
      } catch (SipParseException e) {
        out.add(new Inbound.Rejected(null, e.reasonPhrase(), from, false));
      }
    }
  }

  private Inbound parse(byte[] bytes, int off, int len, Endpoint from) {
    try {
      return new Inbound.Received(parser.parseFramed(bytes, off, len), from);
    } catch (SipParseException e) {
      return new Inbound.Rejected(
          parser.badRequest(bytes, off, len, e), e.reasonPhrase(), from, false);
    }
  }

  private void fail(ChannelHandlerContext ctx, ByteBuf in, SipParseException e, List<Object> out) {
    failed = true;
    int len = Math.min(in.readableBytes(), maxMessageBytes);
    byte[] bytes = ByteBufUtil.getBytes(in, in.readerIndex(), len);
    in.skipBytes(in.readableBytes());
    out.add(
        new Inbound.Rejected(
            parser.badRequest(bytes, 0, len, e), e.reasonPhrase(), source(ctx), true));
  }

  private Endpoint source(ChannelHandlerContext ctx) {
    if (source == null) {
      source = new Endpoint(kind, (InetSocketAddress) ctx.channel().remoteAddress());
    }
    return source;
  }

  private static boolean isLineBreak(byte c) {
    return c == '\r' || c == '\n';
  }

  private static boolean isPingPrefix(byte[] b, int len) {
    for (int i = 0; i < len; i++) {
      if (b[i] != (i % 2 == 0 ? '\r' : '\n')) {
        return false;
      }
    }
    return true;
  }

  /** Where LF LF or LF CR LF (the end of the headers, as the parser reads it) starts, or -1. */
  private static int blankLine(ByteBuf b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b.getByte(i) == '\n') {
        if (i + 1 < to && b.getByte(i + 1) == '\n') {
          return i;
        }
        if (i + 2 < to && b.getByte(i + 1) == '\r' && b.getByte(i + 2) == '\n') {
          return i;
        }
      }
    }
    return -1;
  }
}
