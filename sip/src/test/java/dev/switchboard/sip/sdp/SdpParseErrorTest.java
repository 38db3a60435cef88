package dev.switchboard.sip.sdp;

import static dev.switchboard.sip.sdp.Examples.sdp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SdpParseErrorTest {
  private static final String V = "v=0";
  private static final String O = "o=- 1 1 IN IP4 192.0.2.1";
  private static final String S = "s=-";
  private static final String C = "c=IN IP4 192.0.2.1";
  private static final String T = "t=0 0";
  private static final String M = "m=audio 5004 RTP/AVP 0";

  static Stream<Arguments> badDescriptions() {
    return Stream.of(
        bad("empty text", "", 0, "missing v="),
        bad("only line ends", "\r\n\r\n", 0, "missing v="),
        bad("no v=", sdp(O, S, C, T), 1, "missing v="),
        bad("version 1", sdp("v=1", O, S, C, T), 1, "unsupported SDP version"),
        bad("no o=", sdp(V, S, C, T), 2, "o= must follow v="),
        bad("only v=", sdp(V), 1, "missing o="),
        bad("only v= and o=", sdp(V, O), 2, "missing s="),
        bad("no s=", sdp(V, O, C, T), 3, "s= must follow o="),
        bad("no t=", sdp(V, O, S, C), 4, "missing t="),
        bad("no t= before m=", sdp(V, O, S, C, M), 5, "missing t="),
        bad("no t= before a=", sdp(V, O, S, C, "a=x"), 5, "missing t="),
        bad("o= with 5 fields", sdp(V, "o=- 1 1 IN IP4", S, C, T), 2, "o= needs 6 fields"),
        bad("o= id not numeric", sdp(V, "o=- x1 1 IN IP4 h", S, C, T), 2, "session id"),
        bad(
            "o= version over 64 bits",
            sdp(V, "o=- 1 18446744073709551616 IN IP4 h", S, C, T),
            2,
            "exceeds 2^64-1"),
        bad(
            "o= version of 30 digits",
            sdp(V, "o=- 1 123456789012345678901234567890 IN IP4 h", S, C, T),
            2,
            "session version"),
        bad("double space in o=", sdp(V, "o=-  1 1 IN IP4 h", S, C, T), 2, "empty field"),
        bad("c= with 2 fields", sdp(V, O, S, "c=IN IP4", T), 4, "c= needs 3 fields"),
        bad("c= bad nettype", sdp(V, O, S, "c=I/N IP4 h", T), 4, "network type"),
        bad("b= without colon", sdp(V, O, S, C, "b=AS64", T), 5, "b= must be"),
        bad("b= not numeric", sdp(V, O, S, C, "b=AS:x", T), 5, "b= bandwidth"),
        bad("t= not numeric", sdp(V, O, S, C, "t=0 x"), 5, "t= stop time"),
        bad("t= overflow", sdp(V, O, S, C, "t=0 99999999999999999999"), 5, "t= stop time"),
        bad("t= one field", sdp(V, O, S, C, "t=0"), 5, "t= needs 2 fields"),
        bad("r= bad unit", sdp(V, O, S, C, T, "r=7w 1h 0"), 6, "r= repeat interval"),
        bad("r= without offsets", sdp(V, O, S, C, T, "r=7d 1h"), 6, "at least one offset"),
        bad("r= before t=", sdp(V, O, S, C, "r=7d 1h 0", T), 5, "r= must follow"),
        bad("z= odd fields", sdp(V, O, S, C, T, "z=2882844526"), 6, "pairs"),
        bad("z= twice", sdp(V, O, S, C, T, "z=1 0", "z=1 0"), 7, "z= must follow"),
        bad("c= after t=", sdp(V, O, S, T, C), 5, "c= cannot follow t="),
        bad("i= after c=", sdp(V, O, S, C, "i=info", T), 5, "i= cannot follow c="),
        bad("two session c=", sdp(V, O, S, C, C, T), 5, "more than one c="),
        bad("two u=", sdp(V, O, S, "u=a", "u=b", C, T), 5, "more than one u="),
        bad("a second v=", sdp(V, O, S, C, T, V), 6, "a second v="),
        bad("unknown line type", sdp(V, O, S, C, T, "x=1"), 6, "unknown line type"),
        bad("upper-case line type", sdp(V, O, S, C, T, "A=1"), 6, "unknown line type"),
        bad("no equals sign", sdp(V, O, S, C, T, "a:rtpmap"), 6, "expected <type>=<value>"),
        bad("space before equals", sdp(V, O, S, C, T, "a =x"), 6, "expected <type>=<value>"),
        bad("empty line in the middle", sdp(V, O, S, "", C, T), 4, "empty line"),
        bad("CR inside a line", sdp(V, O, "s=a\rb", C, T), 3, "CR"),
        bad("NUL in a value", sdp(V, O, S, C, T, "a=tool:a\0b"), 6, "NUL"),
        bad("empty attribute name", sdp(V, O, S, C, T, "a=:x"), 6, "attribute name"),
        bad("m= too few fields", sdp(V, O, S, C, T, "m=audio 5004 RTP/AVP"), 6, "m= needs"),
        bad("m= port not numeric", sdp(V, O, S, C, T, "m=audio x RTP/AVP 0"), 6, "bad m= port"),
        bad("m= port too big", sdp(V, O, S, C, T, "m=audio 65536 RTP/AVP 0"), 6, "bad m= port"),
        bad("m= negative port", sdp(V, O, S, C, T, "m=audio -1 RTP/AVP 0"), 6, "bad m= port"),
        bad(
            "m= port count 0",
            sdp(V, O, S, C, T, "m=audio 5004/0 RTP/AVP 0"),
            6,
            "number of ports"),
        bad("m= bad protocol", sdp(V, O, S, C, T, "m=audio 5004 RTP//AVP 0"), 6, "m= protocol"),
        bad(
            "non-numeric payload type",
            sdp(V, O, S, C, T, "m=audio 5004 RTP/AVP PCMU"),
            6,
            "bad payload type"),
        bad(
            "payload type 128",
            sdp(V, O, S, C, T, "m=audio 5004 RTP/AVP 0 128"),
            6,
            "bad payload type"),
        bad("s= inside media", sdp(V, O, S, C, T, M, S), 7, "not allowed in a media description"),
        bad("c= after a= in media", sdp(V, O, S, C, T, M, "a=x", C), 8, "c= cannot follow a="),
        bad("two i= in media", sdp(V, O, S, C, T, M, "i=a", "i=b"), 8, "more than one i="),
        bad("media without any c=", sdp(V, O, S, T, M), 5, "no c= line"),
        bad(
            "rtpmap pt not numeric",
            sdp(V, O, S, C, T, M, "a=rtpmap:x PCMU/8000"),
            7,
            "rtpmap payload type"),
        bad("rtpmap without clock", sdp(V, O, S, C, T, M, "a=rtpmap:0 PCMU"), 7, "rtpmap encoding"),
        bad("rtpmap clock 0", sdp(V, O, S, C, T, M, "a=rtpmap:0 PCMU/0"), 7, "clock rate"),
        bad("rtpmap without value", sdp(V, O, S, C, T, M, "a=rtpmap"), 7, "needs a value"),
        bad("ptime not a number", sdp(V, O, S, C, T, M, "a=ptime:twenty"), 7, "a=ptime"),
        bad("ptime zero", sdp(V, O, S, C, T, M, "a=ptime:0"), 7, "a=ptime"),
        bad("rtcp port too big", sdp(V, O, S, C, T, M, "a=rtcp:70000"), 7, "rtcp port"),
        bad("mid not a token", sdp(V, O, S, C, T, M, "a=mid:a b"), 7, "mid"),
        bad("direction with a value", sdp(V, O, S, C, T, M, "a=sendonly:1"), 7, "takes no value"),
        bad(
            "two directions",
            sdp(V, O, S, C, T, M, "a=sendonly", "a=inactive"),
            8,
            "more than one direction"),
        bad(
            "two session directions",
            sdp(V, O, S, C, T, "a=sendonly", "a=recvonly"),
            7,
            "more than one direction"));
  }

  private static Arguments bad(String name, String text, int line, String problem) {
    return Arguments.of(name, text, line, problem);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badDescriptions")
  void reportsLineAndProblem(String name, String text, int line, String problem) {
    SdpParseException e =
        catchThrowableOfType(SdpParseException.class, () -> SdpParser.parse(text));

    assertThat(e).as(name).isNotNull();
    assertThat(e.lineNumber()).as(name + ": " + e.getMessage()).isEqualTo(line);
    assertThat(e.getMessage()).contains(problem);
    if (line > 0) {
      assertThat(e.getMessage()).startsWith("line " + line + ": ");
    }
  }

  @Test
  void nullText() {
    assertThat(catchThrowableOfType(SdpParseException.class, () -> SdpParser.parse((String) null)))
        .hasMessageContaining("no SDP text");
    assertThat(catchThrowableOfType(SdpParseException.class, () -> SdpParser.parse((byte[]) null)))
        .hasMessageContaining("no SDP text");
  }

  @Test
  void textOver64KiB() {
    String text = sdp(V, O, S, C, T, "a=x:" + "y".repeat(SdpParser.MAX_LENGTH));

    assertThat(catchThrowableOfType(SdpParseException.class, () -> SdpParser.parse(text)))
        .hasMessageContaining("longer than 65536");
    assertThat(
            catchThrowableOfType(
                SdpParseException.class,
                () -> SdpParser.parse(text.getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("longer than 65536");
  }

  @Test
  void moreThan1024Lines() {
    String text = sdp(V, O, S, C, T) + "a=x\r\n".repeat(1020);

    SdpParseException e =
        catchThrowableOfType(SdpParseException.class, () -> SdpParser.parse(text));

    assertThat(e.lineNumber()).isEqualTo(1025);
    assertThat(e).hasMessageContaining("more than 1024 lines");
  }

  @Test
  void moreThan64MediaDescriptions() throws SdpParseException {
    String ok = sdp(V, O, S, C, T) + (M + "\r\n").repeat(64);
    assertThat(SdpParser.parse(ok).media()).hasSize(64);

    SdpParseException e =
        catchThrowableOfType(SdpParseException.class, () -> SdpParser.parse(ok + M + "\r\n"));

    assertThat(e.lineNumber()).isEqualTo(70);
    assertThat(e).hasMessageContaining("more than 64 media descriptions");
  }

  @Test
  void malformedUtf8() {
    byte[] bytes = sdp(V, O, "s=\u00e9", C, T).getBytes(StandardCharsets.UTF_8);
    bytes[sdp(V, O).length() + 2] = (byte) 0xC3;
    bytes[sdp(V, O).length() + 3] = (byte) 0x28;

    assertThat(catchThrowableOfType(SdpParseException.class, () -> SdpParser.parse(bytes)))
        .hasMessageContaining("not valid UTF-8");
  }
}
