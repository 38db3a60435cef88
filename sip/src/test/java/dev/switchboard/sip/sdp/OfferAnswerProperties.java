package dev.switchboard.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sip.sdp.OfferAnswer.Role;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever a peer offers, answering and reading back the agreement must hold RFC 3264's shape. */
class OfferAnswerProperties {
  private static final LocalMediaCapabilities CAPS =
      LocalMediaCapabilities.g711("192.0.2.201", 6000);

  @Property(tries = 500)
  void anyOfferGetsAWellFormedAnswer(@ForAll("offers") SessionDescription offer)
      throws SdpParseException {
    SessionDescription answer = OfferAnswer.answer(offer, CAPS);

    assertThat(SdpParser.parse(answer.toSdp())).isEqualTo(answer);
    assertThat(answer.times()).isEqualTo(offer.times());
    assertThat(answer.media()).hasSameSizeAs(offer.media());
    for (int i = 0; i < offer.media().size(); i++) {
      MediaDescription offered = offer.media().get(i);
      MediaDescription answered = answer.media().get(i);
      assertThat(answered.media()).isEqualTo(offered.media());
      assertThat(answered.protocol()).isEqualTo(offered.protocol());
      assertThat(offered.formats()).containsAll(answered.formats());
      if (offered.isRejected()) {
        assertThat(answered.isRejected()).isTrue();
      }
    }
    assertThat(answer.media().stream().filter(m -> !m.isRejected()).count()).isLessThanOrEqualTo(1);

    List<NegotiatedStream> offerer = OfferAnswer.negotiated(offer, answer, Role.OFFERER);
    List<NegotiatedStream> answerer = OfferAnswer.negotiated(offer, answer, Role.ANSWERER);
    assertThat(offerer).hasSameSizeAs(offer.media());
    for (int i = 0; i < offerer.size(); i++) {
      assertThat(offerer.get(i).isRejected()).isEqualTo(answerer.get(i).isRejected());
      assertThat(offerer.get(i).send()).isEqualTo(answerer.get(i).receive());
      // each side may send only what the other may receive
      assertThat(offerer.get(i).direction().sends())
          .isEqualTo(answerer.get(i).direction().receives());
    }
  }

  @Property(tries = 300)
  void reofferingTheSameAnswerKeepsTheVersion(@ForAll("offers") SessionDescription offer) {
    SessionDescription first = OfferAnswer.answer(offer, CAPS);

    assertThat(OfferAnswer.answer(offer, CAPS, first)).isEqualTo(first);
  }

  @Property(tries = 300)
  void negotiatedNeverFailsOnAnyPairOfDescriptions(
      @ForAll("offers") SessionDescription offer, @ForAll("offers") SessionDescription answer) {
    assertThat(OfferAnswer.negotiated(offer, answer)).hasSameSizeAs(offer.media());
    assertThat(OfferAnswer.negotiated(offer, answer, Role.ANSWERER)).hasSameSizeAs(offer.media());
  }

  @Provide
  Arbitrary<SessionDescription> offers() {
    return Arbitraries.oneOf(
        new SdpProperties().descriptions(),
        Arbitraries.of(Examples.ALL).map(OfferAnswerProperties::parse),
        Arbitraries.of(Examples.ALL)
            .map(OfferAnswerProperties::parse)
            .map(sd -> sd.withConnection(java.util.Optional.of(Connection.of("0.0.0.0")))));
  }

  private static SessionDescription parse(String text) {
    try {
      return SdpParser.parse(text);
    } catch (SdpParseException e) {
      throw new AssertionError(e);
    }
  }
}
