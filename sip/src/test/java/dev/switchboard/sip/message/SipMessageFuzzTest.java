package dev.switchboard.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for the message parser on both transports, bytes read as one UDP datagram and as a
 * TCP stream cut by {@link StreamFramer}, and for the typed header views of what it parses. A parse
 * either gives a message or throws {@link SipParseException}, allocates within a small multiple of
 * the {@link ParseLimits}, and what it gives serialises and parses back equal; the 400 built for
 * bytes that failed parses too. Every view (Via, From/To/Contact/Route addresses, SIP and tel URIs,
 * CSeq, the numeric headers) either parses or throws {@link SipParseException}, and one rendered
 * from its parts parses back equal.
 */
class SipMessageFuzzTest {
  /** Limits a fuzzer's inputs (a few KiB) run into, so their checks are exercised. */
  static final ParseLimits LIMITS = new ParseLimits(8192, 40, 1024, 4096);

  /**
   * What one parse may allocate: a small multiple of the largest message. Plain, a parse allocates
   * about the message's size again (1.7 KiB for a 1.7 KiB message, 11 KiB to build its 400); under
   * Jazzer's hooks, which box the arguments of every hooked call and copy a prefix of every
   * compared string, up to about 30 times as much. Work that grows faster than the input (a
   * quadratic loop: 64 MiB at this size) stays far above.
   */
  static final long ALLOCATION_BOUND = 64L * LIMITS.maxMessageBytes() + 256 * 1024;

  private final MessageParser parser = new MessageParser(LIMITS);
  // The re-serialised form may outgrow the input (compact names spelled out, a Content-Length
  // added), so it is read back without the tight limits.
  private final MessageParser roomy = new MessageParser();
  private final StreamFramer framer = new StreamFramer(LIMITS);

  @FuzzTest(maxDuration = "15s")
  void parse(byte[] input) {
    datagram(input.clone());
    stream(input.clone());
  }

  private void datagram(byte[] bytes) {
    SipMessage m;
    try {
      m =
          Allocation.bounded(
              ALLOCATION_BOUND,
              "a datagram parse",
              () -> parser.parseDatagram(bytes, 0, bytes.length));
    } catch (SipParseException e) {
      answerable(bytes, 0, bytes.length, e);
      return;
    }
    roundTrip(m);
    HeaderViews.check(m);
  }

  /** Cuts the bytes as a connection's decoder does and parses each message it frames. */
  private void stream(byte[] bytes) {
    int off = 0;
    while (off < bytes.length) {
      StreamFramer.Frame frame;
      try {
        frame = framer.next(bytes, off, bytes.length - off);
      } catch (SipParseException e) {
        return; // the connection is closed
      }
      if (frame instanceof StreamFramer.NeedMore) {
        return;
      }
      int length =
          frame instanceof StreamFramer.Message msg
              ? msg.skip() + msg.length()
              : ((StreamFramer.KeepAlive) frame).length();
      assertThat(length).as("bytes a frame consumes").isPositive();
      if (frame instanceof StreamFramer.Message msg) {
        framed(bytes, off, msg);
      }
      off += length;
    }
  }

  private void framed(byte[] bytes, int off, StreamFramer.Message msg) {
    if (msg.length() > 1) {
      // Framing must not depend on how the bytes arrive: one byte short is not a message yet.
      assertThat(framer.next(bytes, off, msg.skip() + msg.length() - 1))
          .as("frame of a message cut one byte short")
          .isInstanceOf(StreamFramer.NeedMore.class);
    }
    SipMessage m;
    try {
      m =
          Allocation.bounded(
              ALLOCATION_BOUND,
              "a framed parse",
              () -> parser.parseFramed(bytes, off + msg.skip(), msg.length()));
    } catch (SipParseException e) {
      answerable(bytes, off + msg.skip(), msg.length(), e);
      return;
    }
    // The parser must end the message where the framer did, or the next one starts mid-message.
    assertThat(m.toBytes().length).as("parsed length of a framed message").isEqualTo(msg.length());
    roundTrip(m);
  }

  /** The 400 for bytes that failed to parse must itself be a well-formed message. */
  private void answerable(byte[] bytes, int off, int len, SipParseException cause) {
    SipResponse answer =
        Allocation.bounded(
            ALLOCATION_BOUND, "building a 400", () -> parser.badRequest(bytes, off, len, cause));
    if (answer != null) {
      assertThat(answer.status()).isEqualTo(400);
      assertThat(roomy.parseDatagram(answer.toBytes())).isEqualTo(answer);
    }
  }

  /**
   * Serialises the message afresh (not the bytes it was parsed from) and parses that back: start
   * line, header lines and body come back equal. Content-Length is rewritten from the body on
   * output, so it is compared as a number.
   */
  private void roundTrip(SipMessage m) {
    SipMessage copy = m.copy();
    copy.dropWire(); // so toBytes() renders the message rather than echoing its input
    byte[] wire = copy.toBytes();
    SipMessage back = roomy.parseDatagram(wire);
    assertThat(back.startLine()).isEqualTo(m.startLine());
    assertThat(back.body()).isEqualTo(m.body());
    assertThat(back.contentLength()).isEqualTo(m.body().length);
    assertThat(withoutLength(back)).isEqualTo(withoutLength(m));
  }

  private static SipMessage withoutLength(SipMessage m) {
    SipMessage c = m.copy();
    c.removeHeader(HeaderNames.CONTENT_LENGTH);
    return c;
  }
}
