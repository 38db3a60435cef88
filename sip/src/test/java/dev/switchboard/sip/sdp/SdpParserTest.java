package dev.switchboard.sip.sdp;

import static dev.switchboard.sip.sdp.Examples.sdp;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class SdpParserTest {

  @ParameterizedTest
  @FieldSource("dev.switchboard.sip.sdp.Examples#ALL")
  void canonicalExamplesComeBackAsTheSameText(String text) throws SdpParseException {
    SessionDescription sd = SdpParser.parse(text);

    assertThat(SdpWriter.write(sd)).isEqualTo(text);
    assertThat(SdpParser.parse(sd.toSdp())).isEqualTo(sd);
  }

  @ParameterizedTest
  @FieldSource("dev.switchboard.sip.sdp.Examples#ALL")
  void bareLineFeedsParseToTheSameDescription(String text) throws SdpParseException {
    String lf = text.replace("\r\n", "\n");

    assertThat(SdpParser.parse(lf)).isEqualTo(SdpParser.parse(text));
    assertThat(SdpParser.parse(lf).toSdp()).isEqualTo(text);
  }

  @Test
  void missingFinalLineEndAndTrailingEmptyLinesAreTolerated() throws SdpParseException {
    String text = Examples.BOB_ANSWER;
    SessionDescription expected = SdpParser.parse(text);

    assertThat(SdpParser.parse(text.substring(0, text.length() - 2))).isEqualTo(expected);
    assertThat(SdpParser.parse(text + "\r\n\r\n")).isEqualTo(expected);
    assertThat(SdpParser.parse(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
  }

  @Test
  void readsAliceOfferFromRfc3264() throws SdpParseException {
    SessionDescription sd = SdpParser.parse(Examples.ALICE_OFFER);

    assertThat(sd.origin())
        .isEqualTo(
            new Origin(
                "alice",
                new BigInteger("2890844526"),
                new BigInteger("2890844526"),
                "IN",
                "IP4",
                "host.atlanta.example.com"));
    assertThat(sd.sessionName()).isEmpty();
    assertThat(sd.connection()).contains(Connection.of("host.atlanta.example.com"));
    assertThat(sd.times()).containsExactly(TimeDescription.UNBOUNDED);
    assertThat(sd.media()).hasSize(2);
    MediaDescription audio = sd.media().get(0);
    assertThat(audio.media()).isEqualTo("audio");
    assertThat(audio.port()).isEqualTo(49170);
    assertThat(audio.protocol()).isEqualTo("RTP/AVP");
    assertThat(audio.payloadTypes()).containsExactly(0, 8, 97);
    assertThat(audio.rtpMap(97)).contains(new RtpMap(97, "iLBC", 8000, 1));
    assertThat(sd.direction(0)).isEqualTo(Direction.SENDRECV);
    assertThat(sd.media().get(1).rtpMaps())
        .extracting(RtpMap::encodingName)
        .containsExactly("H261", "MPV");
  }

  @Test
  void readsEverySessionLevelFieldOfTheScheduledExample() throws SdpParseException {
    SessionDescription sd = SdpParser.parse(Examples.SCHEDULED);

    assertThat(sd.information()).contains("A Seminar on the session description protocol");
    assertThat(sd.uri()).contains("http://www.example.com/seminars/sdp.pdf");
    assertThat(sd.emails()).containsExactly("j.doe@example.com (Jane Doe)", "bob@example.com");
    assertThat(sd.phones()).containsExactly("+1 617 555-6011");
    assertThat(sd.connection().orElseThrow().host()).isEqualTo("224.2.17.12");
    assertThat(sd.bandwidths()).containsExactly(new Bandwidth("CT", 1000));
    assertThat(sd.times()).hasSize(2);
    assertThat(sd.times().get(0).repeats())
        .containsExactly(new RepeatTime("604800", "3600", List.of("0", "90000")));
    TimeDescription second = sd.times().get(1);
    assertThat(second.timing()).isEqualTo(new Timing(3034423619L, 3042462419L));
    assertThat(second.repeats()).containsExactly(new RepeatTime("7d", "1h", List.of("0", "25h")));
    assertThat(second.zoneAdjustments())
        .containsExactly(
            new ZoneAdjustment(2882844526L, "-1h"), new ZoneAdjustment(2898848070L, "0"));
    assertThat(RepeatTime.seconds("25h")).isEqualTo(90_000);
    assertThat(RepeatTime.seconds("7d")).isEqualTo(604_800);
    assertThat(sd.key()).contains("prompt");
    assertThat(sd.direction()).contains(Direction.RECVONLY);
    assertThat(sd.direction(0)).isEqualTo(Direction.RECVONLY);

    MediaDescription audio = sd.media().get(0);
    assertThat(audio.portCount()).isEqualTo(OptionalInt.of(2));
    assertThat(audio.information()).contains("the talk");
    assertThat(audio.connections()).hasSize(2);
    assertThat(audio.bandwidths()).containsExactly(new Bandwidth("AS", 64));
    assertThat(audio.key()).contains("clear:secret");
    MediaDescription whiteboard = sd.media().get(1);
    assertThat(whiteboard.isRtp()).isFalse();
    assertThat(whiteboard.formats()).containsExactly("wb");
    assertThat(whiteboard.payloadTypes()).isEmpty();
  }

  @Test
  void typedHelpersReadTheCommonAttributes() throws SdpParseException {
    MediaDescription audio = SdpParser.parse(Examples.DESK_PHONE).media().get(0);

    assertThat(audio.rtcp()).contains(new Rtcp(4001, Optional.of(Connection.of("192.0.2.10"))));
    assertThat(audio.mid()).contains("audio0");
    assertThat(audio.ptime()).hasValue(20.0);
    assertThat(audio.direction()).contains(Direction.SENDRECV);
    assertThat(audio.fmtp("18").orElseThrow().parameterMap()).containsEntry("annexb", "no");
    assertThat(audio.fmtp("101")).contains(new Fmtp("101", "0-16"));
    assertThat(audio.rtpMap(101)).contains(new RtpMap(101, "telephone-event", 8000, 1));
    assertThat(audio.rtpMap(96)).isEmpty();
  }

  @Test
  void unknownAttributesAreKeptVerbatimAndInOrder() throws SdpParseException {
    SessionDescription sd = SdpParser.parse(Examples.DESK_PHONE);

    assertThat(sd.attributes()).containsExactly(Attribute.of("X-nat", "0"));
    assertThat(sd.media().get(0).attributes())
        .extracting(Attribute::name)
        .containsExactly(
            "rtcp",
            "mid",
            "rtpmap",
            "rtpmap",
            "rtpmap",
            "rtpmap",
            "fmtp",
            "rtpmap",
            "fmtp",
            "ptime",
            "maxptime",
            "x-custom-thing",
            "ssrc",
            "sendrecv");
    assertThat(sd.media().get(0).attribute("ssrc"))
        .contains(Attribute.of("ssrc", "12345 cname:abc"));
    assertThat(sd.media().get(0).attribute("x-custom-thing"))
        .contains(Attribute.property("x-custom-thing"));
  }

  @Test
  void mediaLevelConnectionOverridesTheSessionOne() throws SdpParseException {
    SessionDescription sd = SdpParser.parse(Examples.RFC8866_EXAMPLE);

    assertThat(sd.connection(0)).contains(Connection.of("198.51.100.1"));
    assertThat(sd.connection(2)).contains(new Connection("IN", "IP6", "2001:db8::2"));
  }

  @Test
  void rejectedStreamMayOmitItsConnection() throws SdpParseException {
    SessionDescription sd =
        SdpParser.parse(
            sdp(
                "v=0",
                "o=- 1 1 IN IP4 192.0.2.1",
                "s=-",
                "t=0 0",
                "m=audio 5004 RTP/AVP 0",
                "c=IN IP4 192.0.2.1",
                "m=video 0 RTP/AVP 31"));

    assertThat(sd.media().get(1).isRejected()).isTrue();
    assertThat(sd.connection(1)).isEmpty();
  }

  @Test
  void largestSessionIdAndVersionAreKeptWithoutOverflow() throws SdpParseException {
    String max = "18446744073709551615";
    SessionDescription sd =
        SdpParser.parse(
            sdp(
                "v=0",
                "o=- " + max + " " + max + " IN IP4 192.0.2.1",
                "s=-",
                "c=IN IP4 192.0.2.1",
                "t=0 0"));

    assertThat(sd.origin().sessionId()).isEqualTo(new BigInteger(max));
    assertThat(sd.origin().sessionVersion()).isEqualTo(new BigInteger(max));
    assertThat(sd.media()).isEmpty();
  }

  @Test
  void valueWithColonsKeepsEverythingAfterTheFirst() throws SdpParseException {
    SessionDescription sd =
        SdpParser.parse(
            sdp(
                "v=0",
                "o=- 1 1 IN IP4 192.0.2.1",
                "s= ",
                "c=IN IP4 192.0.2.1",
                "t=0 0",
                "a=fingerprint:sha-256 AB:CD:EF",
                "a=empty:"));

    assertThat(sd.sessionName()).isEqualTo(" ");
    assertThat(sd.attributes())
        .containsExactly(
            Attribute.of("fingerprint", "sha-256 AB:CD:EF"), Attribute.of("empty", ""));
  }
}
