package dev.switchboard.sip.transport;

import static dev.switchboard.sip.transport.TestMessages.bytes;
import static dev.switchboard.sip.transport.TestMessages.options;
import static dev.switchboard.sip.transport.TestMessages.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sip.message.MessageParser;
import dev.switchboard.sip.message.ParseLimits;
import dev.switchboard.sip.message.SipRequest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamDecoderTest {
  private static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.5", 40000);
  private static final String VIA = "SIP/2.0/TCP 192.0.2.5:5060;branch=z9hG4bK1";

  private static EmbeddedChannel channel(ParseLimits limits) {
    return new EmbeddedChannel(
        new StreamDecoder(
            new MessageParser(limits),
            new SigCompLayer(
                new dev.switchboard.sip.sigcomp.SigCompEndpoint(
                    dev.switchboard.sip.sigcomp.SigCompConfig.defaults())))) {
      @Override
      protected SocketAddress remoteAddress0() {
        return PEER;
      }
    };
  }

  private static EmbeddedChannel channel() {
    return channel(ParseLimits.DEFAULT);
  }

  private static void write(EmbeddedChannel ch, String text) {
    ch.writeInbound(Unpooled.wrappedBuffer(bytes(text)));
  }

  private static Object next(EmbeddedChannel ch) {
    return ch.readInbound();
  }

  private static Inbound.Received received(EmbeddedChannel ch) {
    Object o = ch.readInbound();
    assertThat(o).isInstanceOf(Inbound.Received.class);
    return (Inbound.Received) o;
  }

  @Test
  void twoMessagesInOneBuffer() {
    EmbeddedChannel ch = channel();
    write(ch, options(VIA) + request("MESSAGE", VIA, "MESSAGE", "hello\r\n\r\nworld"));
    assertThat(((SipRequest) received(ch).message()).method()).isEqualTo("OPTIONS");
    Inbound.Received second = received(ch);
    assertThat(second.message().body()).isEqualTo(bytes("hello\r\n\r\nworld"));
    assertThat(second.source()).isEqualTo(Endpoint.tcp(PEER));
    assertThat(next(ch)).isNull();
  }

  @Test
  void bodyLargerThanTheCopyWindowFollowedByAnotherMessage() {
    EmbeddedChannel ch = channel();
    String body = "z".repeat(10_000);
    write(ch, request("MESSAGE", VIA, "MESSAGE", body) + options(VIA));
    assertThat(received(ch).message().body()).isEqualTo(bytes(body));
    assertThat(((SipRequest) received(ch).message()).method()).isEqualTo("OPTIONS");
  }

  @Test
  void oneMessageByteByByte() {
    EmbeddedChannel ch = channel();
    byte[] all = bytes(request("MESSAGE", VIA, "MESSAGE", "body with a blank line\r\n\r\n!"));
    for (int i = 0; i < all.length - 1; i++) {
      ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {all[i]}));
      assertThat(next(ch)).isNull();
    }
    ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {all[all.length - 1]}));
    assertThat(received(ch).message().toBytes()).isEqualTo(all);
  }

  @Test
  void doubleCrlfIsAPingEvenWhenSplit() {
    EmbeddedChannel ch = channel();
    write(ch, "\r\n");
    assertThat(next(ch)).isNull();
    write(ch, "\r\n");
    assertThat(next(ch)).isInstanceOf(Inbound.Ping.class);
  }

  @Test
  void pingBeforeAMessage() {
    EmbeddedChannel ch = channel();
    write(ch, "\r\n\r\n" + options(VIA));
    assertThat(next(ch)).isInstanceOf(Inbound.Ping.class);
    assertThat(received(ch).message()).isInstanceOf(SipRequest.class);
  }

  @Test
  void singleCrlfBeforeAMessageIsNoise() {
    EmbeddedChannel ch = channel();
    write(ch, "\r\n" + options(VIA));
    assertThat(received(ch).message()).isInstanceOf(SipRequest.class);
    assertThat(next(ch)).isNull();
  }

  @Test
  void missingContentLengthRejectsWith400AndCloses() {
    EmbeddedChannel ch = channel();
    write(ch, options(VIA).replace("Content-Length: 0\r\n", "") + options(VIA));
    Object o = ch.readInbound();
    assertThat(o).isInstanceOf(Inbound.Rejected.class);
    Inbound.Rejected r = (Inbound.Rejected) o;
    assertThat(r.closeConnection()).isTrue();
    assertThat(r.answer().status()).isEqualTo(400);
    assertThat(r.answer().reason()).contains("Content-Length");
    write(ch, options(VIA)); // anything after is discarded
    assertThat(next(ch)).isNull();
  }

  @Test
  void oversizedMessageWithoutHeaderEndRejectsAndCloses() {
    EmbeddedChannel ch = channel(new ParseLimits(1024, 64, 512, 512));
    String start = "OPTIONS sip:bob@example.com SIP/2.0\r\nX-Pad: ";
    write(ch, start + "a".repeat(2000));
    Inbound.Rejected r = ch.readInbound();
    assertThat(r.closeConnection()).isTrue();
    assertThat(r.reason()).isEqualTo("message too large");
  }

  @Test
  void contentLengthBeyondTheLimitRejectsAndCloses() {
    EmbeddedChannel ch = channel(new ParseLimits(1024, 64, 512, 512));
    write(ch, options(VIA).replace("Content-Length: 0", "Content-Length: 5000"));
    Inbound.Rejected r = ch.readInbound();
    assertThat(r.closeConnection()).isTrue();
  }

  @Test
  void unparseableButFramedMessageKeepsTheConnection() {
    EmbeddedChannel ch = channel();
    String bad = options(VIA).replace("CSeq: 1 OPTIONS", "CSeq: x OPTIONS");
    write(ch, bad.replace("Max-Forwards: 70", "Max-Forwards: lots") + options(VIA));
    Object first = ch.readInbound();
    assertThat(first).isInstanceOf(Inbound.Received.class); // parses; validate() catches it
    assertThat(received(ch).message()).isInstanceOf(SipRequest.class);

    write(ch, "GARBAGE\r\nContent-Length: 0\r\n\r\n" + options(VIA));
    Inbound.Rejected r = ch.readInbound();
    assertThat(r.closeConnection()).isFalse();
    assertThat(r.answer()).isNull();
    assertThat(received(ch).message()).isInstanceOf(SipRequest.class);
  }

  @Test
  void bytesAreDecodedAsUtf8() {
    EmbeddedChannel ch = channel();
    write(ch, request("MESSAGE", VIA, "MESSAGE", "grüße"));
    assertThat(new String(received(ch).message().body(), StandardCharsets.UTF_8))
        .isEqualTo("grüße");
  }
}
