package dev.switchboard.sip.sdp;

import static dev.switchboard.sip.sdp.Examples.sdp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.sip.sdp.OfferAnswer.Role;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OfferAnswerTest {
  private static final Origin BOB = Origin.of("bob", 2808844564L, 2808844564L, "192.0.2.201");
  private static final LocalMediaCapabilities G711 =
      LocalMediaCapabilities.g711("192.0.2.201", 6000);

  private static SessionDescription parse(String text) throws SdpParseException {
    return SdpParser.parse(text);
  }

  private static LocalMediaCapabilities caps(MediaCapability... streams) {
    return new LocalMediaCapabilities("bob", Connection.of("192.0.2.201"), List.of(streams));
  }

  private static MediaCapability audio(int port, PayloadFormat... formats) {
    return new MediaCapability(
        "audio", "RTP/AVP", port, List.of(formats), Direction.SENDRECV, OptionalInt.empty());
  }

  @Test
  void initialG711OfferIsTheExpectedText() {
    SessionDescription offer =
        OfferAnswer.offer(
            LocalMediaCapabilities.g711("192.0.2.10", 4000), Origin.of("-", 42, 42, "192.0.2.10"));

    assertThat(offer.toSdp())
        .isEqualTo(
            sdp(
                "v=0",
                "o=- 42 42 IN IP4 192.0.2.10",
                "s=-",
                "c=IN IP4 192.0.2.10",
                "t=0 0",
                "m=audio 4000 RTP/AVP 0 8 101",
                "a=rtpmap:0 PCMU/8000",
                "a=rtpmap:8 PCMA/8000",
                "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-16",
                "a=ptime:20",
                "a=sendrecv"));
  }

  @Test
  void initialOfferFromAddressAndPort() throws SdpParseException {
    SessionDescription offer = OfferAnswer.initialOffer("2001:db8::10", 4000);

    assertThat(parse(offer.toSdp())).isEqualTo(offer);
    assertThat(offer.connection()).contains(new Connection("IN", "IP6", "2001:db8::10"));
    assertThat(offer.origin().addrType()).isEqualTo("IP6");
    assertThat(offer.origin().sessionId()).isPositive();
    assertThat(offer.media().get(0).payloadTypes()).containsExactly(0, 8, 101);
    assertThat(OfferAnswer.initialOffer("192.0.2.10", 4000).origin().sessionId())
        .isNotEqualTo(offer.origin().sessionId());
  }

  @Test
  void answersTheRfc3264AudioAndVideoOffer() throws SdpParseException {
    SessionDescription offer = parse(Examples.ALICE_OFFER);
    MediaCapability video =
        new MediaCapability(
            "video",
            "RTP/AVP",
            6002,
            List.of(PayloadFormat.of(32, new Codec("MPV", 90000, 1))),
            Direction.SENDRECV,
            OptionalInt.empty());

    SessionDescription answer =
        OfferAnswer.answer(offer, caps(audio(6000, PayloadFormat.of(0, Codec.PCMU)), video), BOB);

    assertThat(answer.origin()).isEqualTo(BOB);
    assertThat(answer.times()).isEqualTo(offer.times());
    assertThat(answer.media())
        .extracting(MediaDescription::media)
        .containsExactly("audio", "video");
    assertThat(answer.media().get(0).port()).isEqualTo(6000);
    assertThat(answer.media().get(0).formats()).containsExactly("0");
    assertThat(answer.media().get(1).port()).isEqualTo(6002);
    assertThat(answer.media().get(1).formats()).containsExactly("32");
    assertThat(answer.direction(0)).isEqualTo(Direction.SENDRECV);
    assertThat(parse(answer.toSdp())).isEqualTo(answer);
  }

  @Test
  void codecsAreIntersectedInOurOrderWithTheOffersNumbers() throws SdpParseException {
    SessionDescription offer =
        parse(
            sdp(
                "v=0",
                "o=- 1 1 IN IP4 192.0.2.1",
                "s=-",
                "c=IN IP4 192.0.2.1",
                "t=0 0",
                "m=audio 4000 RTP/AVP 0 8 97 96 18",
                "a=rtpmap:97 iLBC/8000",
                "a=rtpmap:96 TELEPHONE-EVENT/8000",
                "a=fmtp:96 0-15",
                "a=fmtp:18 annexb=no"));
    LocalMediaCapabilities ours =
        caps(
            audio(
                6000,
                PayloadFormat.of(98, new Codec("iLBC", 8000, 1)),
                PayloadFormat.of(8, Codec.PCMA),
                PayloadFormat.of(0, Codec.PCMU),
                PayloadFormat.of(18, Codec.G729),
                new PayloadFormat(101, Codec.TELEPHONE_EVENT, "0-16")));

    MediaDescription answered = OfferAnswer.answer(offer, ours, BOB).media().get(0);

    assertThat(answered.formats()).containsExactly("97", "8", "0", "18", "96");
    assertThat(answered.rtpMap(97)).contains(new RtpMap(97, "iLBC", 8000, 1));
    assertThat(answered.rtpMap(96).orElseThrow().encodingName()).isEqualTo("TELEPHONE-EVENT");
    assertThat(answered.fmtp("96")).contains(new Fmtp("96", "0-16"));
    assertThat(answered.fmtp("18")).contains(new Fmtp("18", "annexb=no"));
  }

  @Test
  void codecsWeDoNotHaveAreLeftOut() throws SdpParseException {
    SessionDescription offer = parse(Examples.DESK_PHONE);

    MediaDescription answered = OfferAnswer.answer(offer, G711, BOB).media().get(0);

    assertThat(answered.formats()).containsExactly("0", "8", "101");
    assertThat(answered.mid()).contains("audio0");
  }

  @Test
  void streamsWeCannotTakeAreRejectedWithPortZeroInOrder() throws SdpParseException {
    SessionDescription offer =
        parse(
            sdp(
                "v=0",
                "o=- 1 1 IN IP4 192.0.2.1",
                "s=-",
                "c=IN IP4 192.0.2.1",
                "t=0 0",
                "m=video 5000 RTP/AVP 31",
                "m=audio 4000 RTP/AVP 0",
                "m=audio 4002 RTP/AVP 8 0",
                "m=audio 4004 RTP/SAVP 0",
                "m=image 4006 udptl t38",
                "m=audio 4008 RTP/AVP 97",
                "a=rtpmap:97 telephone-event/8000",
                "m=audio 0 RTP/AVP 0"));
    LocalMediaCapabilities ours =
        caps(
            audio(6000, PayloadFormat.of(0, Codec.PCMU)),
            audio(
                6002,
                PayloadFormat.of(97, Codec.TELEPHONE_EVENT),
                PayloadFormat.of(0, Codec.PCMU)));

    SessionDescription answer = OfferAnswer.answer(offer, ours, BOB);

    assertThat(answer.media())
        .extracting(MediaDescription::port)
        .containsExactly(0, 6000, 6002, 0, 0, 0, 0);
    assertThat(answer.media())
        .extracting(MediaDescription::media)
        .containsExactly("video", "audio", "audio", "audio", "image", "audio", "audio");
    assertThat(answer.media().get(3).protocol()).isEqualTo("RTP/SAVP");
    assertThat(answer.media().get(4).formats()).containsExactly("t38");
    assertThat(answer.media().get(2).formats()).isEqualTo(List.of("0"));
    assertThat(answer.media().get(0).formats()).containsExactly("31");
  }

  @ParameterizedTest(name = "offer {0}, we want {1} -> answer {2}")
  @CsvSource({
    "SENDRECV, SENDRECV, SENDRECV",
    "SENDRECV, SENDONLY, SENDONLY",
    "SENDRECV, RECVONLY, RECVONLY",
    "SENDRECV, INACTIVE, INACTIVE",
    "SENDONLY, SENDRECV, RECVONLY",
    "SENDONLY, SENDONLY, INACTIVE",
    "SENDONLY, RECVONLY, RECVONLY",
    "SENDONLY, INACTIVE, INACTIVE",
    "RECVONLY, SENDRECV, SENDONLY",
    "RECVONLY, SENDONLY, SENDONLY",
    "RECVONLY, RECVONLY, INACTIVE",
    "RECVONLY, INACTIVE, INACTIVE",
    "INACTIVE, SENDRECV, INACTIVE",
    "INACTIVE, SENDONLY, INACTIVE",
    "INACTIVE, RECVONLY, INACTIVE",
    "INACTIVE, INACTIVE, INACTIVE"
  })
  void directionTable(Direction offered, Direction local, Direction expected)
      throws SdpParseException {
    assertThat(Direction.answerTo(offered, local)).isEqualTo(expected);

    SessionDescription offer =
        OfferAnswer.offer(
            LocalMediaCapabilities.g711("192.0.2.1", 4000).withDirection(offered),
            Origin.of("-", 1, 1, "192.0.2.1"));
    SessionDescription answer = OfferAnswer.answer(offer, G711.withDirection(local), BOB);

    assertThat(answer.direction(0)).isEqualTo(expected);
    assertThat(OfferAnswer.negotiated(offer, answer, Role.ANSWERER).get(0).direction())
        .isEqualTo(expected);
    assertThat(OfferAnswer.negotiated(offer, answer, Role.OFFERER).get(0).direction())
        .isEqualTo(offered.intersect(expected.reversed()));
  }

  @Test
  void directionComesFromTheSessionLevelWhenTheMediaHasNone() throws SdpParseException {
    SessionDescription offer =
        parse(
            sdp(
                "v=0",
                "o=- 1 1 IN IP4 192.0.2.1",
                "s=-",
                "c=IN IP4 192.0.2.1",
                "t=0 0",
                "a=sendonly",
                "m=audio 4000 RTP/AVP 0"));

    assertThat(OfferAnswer.answer(offer, G711, BOB).direction(0)).isEqualTo(Direction.RECVONLY);
  }

  @Test
  void legacyHoldWithZeroAddressIsAnsweredRecvonly() throws SdpParseException {
    SessionDescription offer =
        parse(
            sdp(
                "v=0",
                "o=- 1 2 IN IP4 192.0.2.1",
                "s=-",
                "c=IN IP4 0.0.0.0",
                "t=0 0",
                "m=audio 4000 RTP/AVP 0"));

    assertThat(OfferAnswer.isHold(offer, 0)).isTrue();
    assertThat(OfferAnswer.effectiveDirection(offer, 0)).isEqualTo(Direction.SENDONLY);
    SessionDescription answer = OfferAnswer.answer(offer, G711, BOB);
    assertThat(answer.direction(0)).isEqualTo(Direction.RECVONLY);
    assertThat(OfferAnswer.negotiated(offer, answer, Role.ANSWERER).get(0).direction())
        .isEqualTo(Direction.RECVONLY);
  }

  @Test
  void holdAndResumeReofferWithVersionSteps() {
    SessionDescription first =
        OfferAnswer.offer(
            LocalMediaCapabilities.g711("192.0.2.10", 4000), Origin.of("-", 42, 42, "192.0.2.10"));

    SessionDescription held = OfferAnswer.hold(first);
    assertThat(held.direction(0)).isEqualTo(Direction.SENDONLY);
    assertThat(held.origin().sessionVersion()).isEqualTo(BigInteger.valueOf(43));
    assertThat(held.origin().sessionId()).isEqualTo(BigInteger.valueOf(42));
    assertThat(OfferAnswer.isHold(held, 0)).isTrue();

    SessionDescription heldAgain = OfferAnswer.hold(held);
    assertThat(heldAgain).isEqualTo(held);

    SessionDescription resumed = OfferAnswer.resume(held);
    assertThat(resumed.direction(0)).isEqualTo(Direction.SENDRECV);
    assertThat(resumed.origin().sessionVersion()).isEqualTo(BigInteger.valueOf(44));
    assertThat(resumed.withOrigin(first.origin())).isEqualTo(first);
    assertThat(OfferAnswer.isHold(resumed, 0)).isFalse();
  }

  @Test
  void holdingARecvonlyStreamMakesItInactive() throws SdpParseException {
    SessionDescription recvonly =
        parse(
            sdp(
                "v=0",
                "o=- 1 1 IN IP4 192.0.2.1",
                "s=-",
                "c=IN IP4 192.0.2.1",
                "t=0 0",
                "a=recvonly",
                "m=audio 4000 RTP/AVP 0",
                "m=audio 0 RTP/AVP 0"));

    SessionDescription held = OfferAnswer.hold(recvonly);

    assertThat(held.direction()).isEmpty();
    assertThat(held.direction(0)).isEqualTo(Direction.INACTIVE);
    assertThat(held.media().get(1)).isEqualTo(recvonly.media().get(1));
  }

  @Test
  void heldPeerAnswersRecvonlyAndTheHolderMaySendOnly() {
    SessionDescription first =
        OfferAnswer.offer(
            LocalMediaCapabilities.g711("192.0.2.10", 4000), Origin.of("-", 42, 42, "192.0.2.10"));
    SessionDescription held = OfferAnswer.hold(first);

    SessionDescription answer = OfferAnswer.answer(held, G711, BOB);

    assertThat(answer.direction(0)).isEqualTo(Direction.RECVONLY);
    assertThat(OfferAnswer.negotiated(held, answer).get(0).direction())
        .isEqualTo(Direction.SENDONLY);
  }

  @Test
  void reviseKeepsTheVersionWhenNothingChanged() throws SdpParseException {
    SessionDescription previous = parse(Examples.BOB_ANSWER);
    SessionDescription sameWithOtherOrigin =
        previous.withOrigin(Origin.of("x", 1, 1, "192.0.2.99"));

    assertThat(OfferAnswer.revise(previous, sameWithOtherOrigin)).isEqualTo(previous);
    SessionDescription changed =
        OfferAnswer.revise(
            previous, previous.withMedia(List.of(previous.media().get(0).withPort(1234))));
    assertThat(changed.origin())
        .isEqualTo(previous.origin().withSessionVersion(new BigInteger("2808844565")));
  }

  @Test
  void reviseRefusesToWrapTheVersion() {
    SessionDescription top =
        OfferAnswer.initialOffer("192.0.2.1", 4000)
            .withOrigin(
                new Origin("-", BigInteger.ONE, Grammar.MAX_UNSIGNED_64, "IN", "IP4", "192.0.2.1"));

    assertThatThrownBy(() -> OfferAnswer.hold(top)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void answersToReoffersContinueOurOrigin() throws SdpParseException {
    SessionDescription offer = parse(Examples.DTMF_OFFER);
    SessionDescription first = OfferAnswer.answer(offer, G711, BOB);

    SessionDescription sameAgain = OfferAnswer.answer(offer, G711, first);
    assertThat(sameAgain).isEqualTo(first);

    SessionDescription heldOffer = OfferAnswer.hold(offer);
    SessionDescription heldAnswer = OfferAnswer.answer(heldOffer, G711, first);
    assertThat(heldAnswer.origin())
        .isEqualTo(BOB.withSessionVersion(BOB.sessionVersion().add(BigInteger.ONE)));
    assertThat(heldAnswer.direction(0)).isEqualTo(Direction.RECVONLY);
  }

  @Test
  void rfc3264ReofferAnsweredByAlice() throws SdpParseException {
    SessionDescription offer = parse(Examples.BOB_REOFFER);
    SessionDescription previousAlice = parse(Examples.ALICE_OFFER);
    LocalMediaCapabilities alice =
        new LocalMediaCapabilities(
            "alice",
            Connection.of("host.atlanta.example.com"),
            List.of(
                audio(49170, PayloadFormat.of(0, Codec.PCMU)),
                audio(
                    53122,
                    PayloadFormat.of(0, Codec.PCMU),
                    PayloadFormat.of(110, new Codec("telephone-events", 8000, 1)))));

    SessionDescription answer = OfferAnswer.answer(offer, alice, previousAlice);

    assertThat(answer.origin().sessionVersion()).isEqualTo(new BigInteger("2890844527"));
    assertThat(answer.media()).extracting(MediaDescription::port).containsExactly(49170, 0, 53122);
    assertThat(answer.direction(2)).isEqualTo(Direction.SENDONLY);
    assertThat(answer.media().get(2).formats()).containsExactly("110");
  }

  @Test
  void negotiatedRfc3264ExchangeFromBothSides() throws SdpParseException {
    SessionDescription offer = parse(Examples.ALICE_OFFER);
    SessionDescription answer = parse(Examples.BOB_ANSWER);

    List<NegotiatedStream> alice = OfferAnswer.negotiated(offer, answer);
    assertThat(alice).hasSize(2);
    assertThat(alice.get(0).send()).contains(PayloadFormat.of(0, Codec.PCMU));
    assertThat(alice.get(0).remote()).contains(new MediaAddress("host.biloxi.example.com", 49174));
    assertThat(alice.get(0).direction()).isEqualTo(Direction.SENDRECV);
    assertThat(alice.get(1).media()).isEqualTo("video");
    assertThat(alice.get(1).send().orElseThrow().codec().encodingName()).isEqualTo("MPV");
    assertThat(alice.get(1).remote()).contains(new MediaAddress("host.biloxi.example.com", 49170));

    List<NegotiatedStream> bob = OfferAnswer.negotiated(offer, answer, Role.ANSWERER);
    assertThat(bob.get(0).remote()).contains(new MediaAddress("host.atlanta.example.com", 49170));
    assertThat(bob.get(1).remote()).contains(new MediaAddress("host.atlanta.example.com", 51372));
  }

  @Test
  void negotiatedRenumberedTelephoneEvent() throws SdpParseException {
    SessionDescription offer = parse(Examples.DTMF_OFFER);
    SessionDescription answer = parse(Examples.DTMF_ANSWER_RENUMBERED);

    NegotiatedStream alice = OfferAnswer.negotiated(offer, answer, Role.OFFERER).get(0);
    assertThat(alice.sendTelephoneEvent()).hasValue(100);
    assertThat(alice.receiveTelephoneEvent()).hasValue(97);
    assertThat(alice.send().orElseThrow().codec()).isEqualTo(Codec.PCMU);

    NegotiatedStream bob = OfferAnswer.negotiated(offer, answer, Role.ANSWERER).get(0);
    assertThat(bob.sendTelephoneEvent()).hasValue(97);
    assertThat(bob.receiveTelephoneEvent()).hasValue(100);
    assertThat(bob.remote()).contains(new MediaAddress("192.0.2.101", 49170));
  }

  @Test
  void negotiatedRejectedAndMissingStreams() throws SdpParseException {
    SessionDescription offer = parse(Examples.ALICE_OFFER);

    List<NegotiatedStream> rejected =
        OfferAnswer.negotiated(offer, parse(Examples.VIDEO_REJECTED_ANSWER));
    assertThat(rejected.get(0).isRejected()).isFalse();
    assertThat(rejected.get(1).isRejected()).isTrue();
    assertThat(rejected.get(1).direction()).isEqualTo(Direction.INACTIVE);
    assertThat(rejected.get(1).remote()).isEmpty();

    SessionDescription oneStream =
        parse(Examples.BOB_ANSWER).withMedia(List.of(parse(Examples.BOB_ANSWER).media().get(0)));
    List<NegotiatedStream> missing = OfferAnswer.negotiated(offer, oneStream);
    assertThat(missing).hasSize(2);
    assertThat(missing.get(1).isRejected()).isTrue();
  }

  @Test
  void negotiatedReofferWithReceiveOnlyEvents() throws SdpParseException {
    SessionDescription aliceAnswer =
        parse(
            sdp(
                "v=0",
                "o=alice 2890844526 2890844527 IN IP4 host.atlanta.example.com",
                "s=",
                "c=IN IP4 host.atlanta.example.com",
                "t=0 0",
                "m=audio 49170 RTP/AVP 0",
                "a=rtpmap:0 PCMU/8000",
                "m=video 0 RTP/AVP 32",
                "a=rtpmap:32 MPV/90000",
                "m=audio 53122 RTP/AVP 110",
                "a=rtpmap:110 telephone-events/8000",
                "a=sendonly"));

    List<NegotiatedStream> bob =
        OfferAnswer.negotiated(parse(Examples.BOB_REOFFER), aliceAnswer, Role.OFFERER);

    assertThat(bob.get(0).remote()).contains(new MediaAddress("host.atlanta.example.com", 49170));
    assertThat(bob.get(1).isRejected()).isTrue();
    assertThat(bob.get(2).direction()).isEqualTo(Direction.RECVONLY);
    assertThat(bob.get(2).send().orElseThrow().codec().encodingName())
        .isEqualTo("telephone-events");
  }

  @Test
  void remotePtimeIsReported() throws SdpParseException {
    SessionDescription offer = parse(Examples.DESK_PHONE);
    SessionDescription answer = OfferAnswer.answer(offer, G711, BOB);

    NegotiatedStream ours = OfferAnswer.negotiated(offer, answer, Role.ANSWERER).get(0);

    assertThat(ours.remotePtime()).hasValue(20.0);
    assertThat(ours.send()).contains(PayloadFormat.of(0, Codec.PCMU));
    assertThat(ours.sendTelephoneEvent()).hasValue(101);
    assertThat(Optional.of(ours.direction())).contains(Direction.SENDRECV);
  }

  @Test
  void connectionWithoutAHostGivesNoRemoteAddress() throws SdpParseException {
    SessionDescription offer =
        parse(
            sdp(
                "v=0",
                "o=- 1 1 IN IP4 192.0.2.1",
                "s=-",
                "c=IN IP4 /127",
                "t=0 0",
                "m=audio 4000 RTP/AVP 0"));
    SessionDescription answer = OfferAnswer.answer(offer, G711, BOB);

    NegotiatedStream ours = OfferAnswer.negotiated(offer, answer, Role.ANSWERER).get(0);

    assertThat(ours.remote()).isEmpty();
    assertThat(ours.send()).contains(PayloadFormat.of(0, Codec.PCMU));
  }

  @Test
  void thousandsOfOfferedFormatsAreAnsweredQuickly() throws SdpParseException {
    StringBuilder text =
        new StringBuilder(
            "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 h\r\nt=0 0\r\nm=audio 4000 RTP/AVP");
    for (int i = 0; i < 10_000; i++) {
      text.append(' ').append(96 + i % 32);
    }
    text.append(" 8\r\n");
    for (int i = 0; i < 32; i++) {
      text.append("a=rtpmap:").append(96 + i).append(" X").append(i).append("/8000\r\n");
    }
    SessionDescription offer = parse(text.toString());

    long start = System.nanoTime();
    SessionDescription answer = OfferAnswer.answer(offer, G711, BOB);
    OfferAnswer.negotiated(offer, answer);

    assertThat(answer.media().get(0).formats()).containsExactly("8");
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
  }
}
