package dev.switchboard.bench;

import dev.switchboard.sip.message.MessageParser;
import dev.switchboard.sip.message.SipRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** Parsing and serialising a typical INVITE (about 600 bytes) and REGISTER. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class MessageParseBench {

  static final byte[] INVITE =
      ("INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
              + "Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bKnashds8;rport\r\n"
              + "Max-Forwards: 70\r\n"
              + "To: Bob <sip:bob@biloxi.example.com>\r\n"
              + "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
              + "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
              + "CSeq: 314159 INVITE\r\n"
              + "Contact: <sip:alice@pc33.atlanta.example.com;transport=udp>\r\n"
              + "Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY, MESSAGE\r\n"
              + "Supported: replaces, timer\r\n"
              + "User-Agent: Switchboard-Bench/1.0\r\n"
              + "Content-Type: application/sdp\r\n"
              + "Content-Length: 142\r\n"
              + "\r\n"
              + "v=0\r\n"
              + "o=alice 2890844526 2890844526 IN IP4 pc33.atlanta.example.com\r\n"
              + "s=-\r\n"
              + "c=IN IP4 192.0.2.101\r\n"
              + "t=0 0\r\n"
              + "m=audio 49172 RTP/AVP 0\r\n"
              + "a=rtpmap:0 PCMU/8000\r\n")
          .getBytes(StandardCharsets.UTF_8);

  static final byte[] REGISTER =
      ("REGISTER sip:registrar.biloxi.example.com SIP/2.0\r\n"
              + "Via: SIP/2.0/UDP bobspc.biloxi.example.com:5060;branch=z9hG4bKnashds7\r\n"
              + "Max-Forwards: 70\r\n"
              + "To: Bob <sip:bob@biloxi.example.com>\r\n"
              + "From: Bob <sip:bob@biloxi.example.com>;tag=456248\r\n"
              + "Call-ID: 843817637684230@998sdasdh09\r\n"
              + "CSeq: 1826 REGISTER\r\n"
              + "Contact: <sip:bob@192.0.2.4>\r\n"
              + "Expires: 7200\r\n"
              + "Content-Length: 0\r\n"
              + "\r\n")
          .getBytes(StandardCharsets.UTF_8);

  private final MessageParser parser = new MessageParser();
  private SipRequest parsedInvite;

  @org.openjdk.jmh.annotations.Setup
  public void setup() {
    parsedInvite = (SipRequest) parser.parseDatagram(INVITE);
  }

  /** What a proxy needs to route: start line, top Via, From/To tags, Call-ID, CSeq, hops. */
  @Benchmark
  public void inviteRoutingHeaders(Blackhole bh) {
    SipRequest r = (SipRequest) parser.parseDatagram(INVITE);
    bh.consume(r.requestUri());
    bh.consume(r.topVia().branch());
    bh.consume(r.from().tag());
    bh.consume(r.to().tag());
    bh.consume(r.callId());
    bh.consume(r.cseq());
    bh.consume(r.maxForwards());
  }

  /** Parse plus the full validation a request gets before the transaction layer. */
  @Benchmark
  public void inviteValidated(Blackhole bh) {
    SipRequest r = (SipRequest) parser.parseDatagram(INVITE);
    r.validate();
    bh.consume(r);
  }

  @Benchmark
  public void registerValidated(Blackhole bh) {
    SipRequest r = (SipRequest) parser.parseDatagram(REGISTER);
    r.validate();
    bh.consume(r.contacts());
    bh.consume(r.expires());
  }

  /** A proxy's edit: stamp received/rport on the top Via, then serialise. */
  @Benchmark
  public byte[] inviteStampAndSerialise() {
    SipRequest r = (SipRequest) parser.parseDatagram(INVITE);
    r.setTopVia(r.topVia().withParam("received", "192.0.2.7").withParam("rport", "5062"));
    return r.toBytes();
  }

  /** Serialising a message nobody changed returns the parsed bytes. */
  @Benchmark
  public byte[] inviteSerialiseUnchanged() {
    return parsedInvite.toBytes();
  }
}
