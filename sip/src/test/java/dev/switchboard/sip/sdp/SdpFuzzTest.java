package dev.switchboard.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.sip.message.Allocation;
import java.util.List;

/**
 * Fuzz target for the SDP parser and for what the stack does with a description it accepted. A
 * parse either gives a description or throws {@link SdpParseException}, within a small multiple of
 * {@link SdpParser#MAX_LENGTH} allocated; what it gives writes and parses back equal; its typed
 * attributes (rtpmap, fmtp, ptime, rtcp, mid, directions) can always be read; and answering it as
 * an offer, or reading it as the answer to ours, gives a description that parses.
 */
class SdpFuzzTest {
  /**
   * About the text decoded as UTF-16, its lines and their fields a few times over, plus what
   * Jazzer's hooks allocate on every string comparison.
   */
  static final long ALLOCATION_BOUND = 64L * SdpParser.MAX_LENGTH + 256 * 1024;

  private static final LocalMediaCapabilities OURS =
      LocalMediaCapabilities.g711("192.0.2.1", 40000);
  private static final SessionDescription OUR_OFFER = OfferAnswer.initialOffer("192.0.2.1", 40000);

  @FuzzTest(maxDuration = "15s")
  void parse(byte[] input) throws SdpParseException {
    SessionDescription sd;
    try {
      sd = Allocation.bounded(ALLOCATION_BOUND, "an SDP parse", () -> parsed(input));
    } catch (Rejected e) {
      assertThat(e.getCause().getMessage()).isNotEmpty();
      return;
    }
    assertThat(SdpParser.parse(sd.toSdp())).isEqualTo(sd);
    for (int i = 0; i < sd.media().size(); i++) {
      typedAttributes(sd, i);
    }
    SessionDescription answer = OfferAnswer.answer(sd, OURS);
    assertThat(SdpParser.parse(answer.toSdp())).isEqualTo(answer);
    assertThat(OfferAnswer.negotiated(sd, answer, OfferAnswer.Role.ANSWERER))
        .hasSize(sd.media().size());
    OfferAnswer.negotiated(OUR_OFFER, sd);
  }

  private static void typedAttributes(SessionDescription sd, int i) {
    MediaDescription m = sd.media().get(i);
    List<Integer> types = m.payloadTypes();
    for (int pt : types) {
      m.rtpMap(pt);
      Codec.of(m, pt);
    }
    m.fmtps();
    m.ptime();
    m.rtcp();
    m.mid();
    m.direction();
    sd.direction(i);
    sd.connection(i).ifPresent(Connection::host);
    OfferAnswer.effectiveDirection(sd, i);
  }

  private static SessionDescription parsed(byte[] input) {
    try {
      return SdpParser.parse(input);
    } catch (SdpParseException e) {
      throw new Rejected(e);
    }
  }

  /** Carries the checked parse failure out of the allocation-bounded call. */
  private static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Rejected(SdpParseException cause) {
      super(cause);
    }
  }
}
