package dev.switchboard.sip.sigcomp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sip.message.MessageParser;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.sip.message.Uri;
import dev.switchboard.sip.message.Via;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The RFC 3486 and RFC 5049 parameters, on the Via, Contact and Record-Route of real messages. */
class SigCompSignallingTest {
  private static final String PHONE_ID = "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6";
  private static final String SERVER_ID = "urn:uuid:0c67446e-f1a1-11d9-94d3-000a95a0e128";

  private final SipRequest register =
      (SipRequest) new MessageParser().parseDatagram(CallFlow.get("register").bytes());

  @Test
  void aRequestFromASigCompPhoneNamesItsCompartment() {
    Via top = register.topVia();
    assertThat(SigCompSignalling.asksForCompression(top)).isTrue();
    assertThat(SigCompSignalling.sigCompId(top)).isEqualTo(PHONE_ID);
    assertThat(SigCompSignalling.compartmentOfRequest(top)).isEqualTo(SigCompEndpointTest.PHONE);
  }

  @Test
  void aLegacyPeerIsNamedByItsSentBy() {
    Via legacy =
        Via.parseList("SIP/2.0/UDP PC33.Example.com:5060;branch=z9hG4bK77;comp=sigcomp").get(0);
    assertThat(SigCompSignalling.asksForCompression(legacy)).isTrue();
    assertThat(SigCompSignalling.compartmentOfRequest(legacy).value())
        .isEqualTo("pc33.example.com:5060");
    Via plain = Via.parseList("SIP/2.0/UDP 192.0.2.4;branch=z9hG4bK78").get(0);
    assertThat(SigCompSignalling.asksForCompression(plain)).isFalse();
  }

  @Test
  void ourViaAndRecordRouteCarryOurIdentifierAndParseBack() {
    Via ours =
        SigCompSignalling.advertise(
            Via.parseList("SIP/2.0/UDP sb.example.com;branch=z9hG4bKa1").get(0), SERVER_ID);
    Via back = Via.parseList(ours.toString()).get(0);
    assertThat(SigCompSignalling.sigCompId(back)).isEqualTo(SERVER_ID);
    assertThat(SigCompSignalling.asksForCompression(back)).isTrue();

    SipUri rr =
        SigCompSignalling.advertise(
            SipUri.of("sb.example.com", -1).withParam("lr", null), SERVER_ID);
    assertThat(rr.toString())
        .contains(";comp=sigcomp;sigcomp-id=urn%3auuid%3a0c67446e-f1a1-11d9-94d3-000a95a0e128");
    SipUri parsed = (SipUri) Uri.parse(rr.toString());
    assertThat(SigCompSignalling.sigCompId(parsed)).isEqualTo(SERVER_ID);
    assertThat(SigCompSignalling.compartmentOfTarget(parsed, null).value()).isEqualTo(SERVER_ID);
  }

  @Test
  void theRecordRouteOfTheCallFlowNamesTheServer() {
    SipUri route =
        (SipUri)
            Uri.parse(
                "sip:sb.example.com;lr;comp=sigcomp;sigcomp-id=urn%3auuid%3a0c67446e-f1a1-11d9-94d3-000a95a0e128");
    assertThat(SigCompSignalling.asksForCompression(route)).isTrue();
    assertThat(SigCompSignalling.compartmentOfTarget(route, null))
        .isEqualTo(SigCompEndpointTest.SERVER);
  }

  @Test
  void aContactWithAnInstanceIdIsNamedByIt() {
    SipUri contact = register.contacts().get(0).uri() instanceof SipUri u ? u : null;
    assertThat(contact).isNotNull();
    assertThat(SigCompSignalling.asksForCompression(contact)).isTrue();
    String instance = register.contacts().get(0).param("+sip.instance");
    assertThat(SigCompSignalling.compartmentOfTarget(contact, instance.replace("\"", "")))
        .isEqualTo(SigCompEndpointTest.PHONE);
    // Without an identifier of any kind, host and port name the compartment.
    assertThat(SigCompSignalling.compartmentOfTarget(contact, null).value())
        .isEqualTo("192.0.2.10:5060");
    assertThat(SigCompSignalling.advertise(contact, null).param("sigcomp-id")).isNull();
  }

  @Test
  void escapingLeavesUnreservedCharacters() {
    assertThat(SigCompSignalling.escape("urn:uuid:AB-cd_9")).isEqualTo("urn%3auuid%3aAB-cd_9");
    assertThat(List.of(SigCompSignalling.escape("a b"))).containsExactly("a%20b");
  }
}
