package dev.switchboard.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Which unparseable messages get a 400: the start line must look like a request line. The check is
 * one pass; it used to be a regex whose backtracking was quadratic in the line's length.
 */
class BadRequestLineProperties {
  /** The request-line shape as the regex had it, kept here as the reference to agree with. */
  private static final String SHAPE = "[A-Za-z0-9.!%*_+`'~-]+ +\\S.* +SIP/\\d+\\.\\d+[ \t]*";

  @Property(tries = 5000)
  void agreesWithTheRequestLineRegex(@ForAll("lines") String line) {
    assertThat(MessageParser.isRequestLine(line)).isEqualTo(line.matches(SHAPE));
  }

  @Example
  void acceptsRequestLinesAndRefusesOthers() {
    assertThat(MessageParser.isRequestLine("INVITE sip:bob@b.test SIP/2.0")).isTrue();
    assertThat(MessageParser.isRequestLine("OPTIONS  sip:x  SIP/2.0 \t")).isTrue();
    assertThat(MessageParser.isRequestLine("NEWMETHOD \u0085x SIP/3.14")).isTrue();
    assertThat(MessageParser.isRequestLine("INVITE SIP/2.0")).isFalse();
    assertThat(MessageParser.isRequestLine("INVITE sip:x\u2028y SIP/2.0")).isFalse();
    assertThat(MessageParser.isRequestLine("INVITE sip:x SIP/2.")).isFalse();
    assertThat(MessageParser.isRequestLine("IN<VITE sip:x SIP/2.0")).isFalse();
    assertThat(MessageParser.isRequestLine("INVITE\tsip:x SIP/2.0")).isFalse();
  }

  /**
   * A start line of half a million spaces took the regex minutes (seconds already at the 64 KiB a
   * datagram can hold); one pass takes milliseconds. The timeout only catches that blow-up.
   */
  @Example
  void aHugeLineOfSpacesIsJudgedWithoutBacktracking() {
    MessageParser parser = new MessageParser(new ParseLimits(1 << 20, 128, 8192, 60_000));
    byte[] b = ("OPTIONS x" + " ".repeat(500_000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    SipParseException cause = new SipParseException("start line too long");
    SipResponse answer =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30), () -> parser.badRequest(b, 0, b.length, cause));
    assertThat(answer).as("no Via, so nobody to answer").isNull();
  }

  @Provide
  Arbitrary<String> lines() {
    Arbitrary<String> piece =
        Arbitraries.of(
            "INVITE", "A", "x", " ", "  ", "\t", "SIP/", "SIP/2.0", "2", ".", "0", "/", "<", "S",
            "\u0085", "\u2028", "\u000b", "\r", "\n", "é", "sip:a@b", "SIP/2.");
    return piece.list().ofMaxSize(12).map(l -> String.join("", l));
  }
}
