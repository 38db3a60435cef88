package dev.switchboard.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SIP URI comparison (RFC 3261 §19.1.4) as {@link SipUri#equivalent} does it. */
class SipUriEquivalenceTest {
  private static SipUri uri(String text) {
    return (SipUri) Uri.parse(text);
  }

  /**
   * Found by SipMessageFuzzTest in a Contact: with a parameter named twice, the second value was
   * compared with the other URI's first, so a URI was not equivalent to itself.
   */
  /**
   * A sips: phone's bindings are kept under the sip: address of record, as the registrar keys them.
   */
  @Test
  void theRegistrationKeyOfASipsUriIsItsSipForm() {
    assertThat(uri("sips:%31001@Example.COM:5061;transport=tls").sipAor())
        .isEqualTo("sip:1001@example.com");
    assertThat(uri("sips:%31001@Example.COM").aor()).isEqualTo("sips:1001@example.com");
  }

  @Test
  void aUriWithARepeatedParameterIsEquivalentToItself() {
    SipUri u = uri("sip:1001@127.0.0.1:5620;transport=UD620;transport=UDP");
    assertThat(u.equivalent(u)).isTrue();
    assertThat(u.equivalent(uri("sip:1001@127.0.0.1:5620;transport=ud620"))).isTrue();
    assertThat(u.equivalent(uri("sip:1001@127.0.0.1:5620;transport=udp"))).isFalse();
  }

  @Test
  void comparesAsTheRfcSays() {
    assertThat(
            uri("sip:alice@AtLanTa.CoM;Transport=UDP")
                .equivalent(uri("SIP:alice@atlanta.com;transport=udp")))
        .isTrue();
    assertThat(
            uri("sip:%61lice@atlanta.com;transport=TCP")
                .equivalent(uri("sip:alice@AtLanTa.CoM;Transport=tcp")))
        .isTrue();
    assertThat(
            uri("sip:alice@atlanta.com;newparam=5")
                .equivalent(uri("sip:alice@atlanta.com;newparam=6")))
        .isFalse();
    assertThat(uri("sip:bob@biloxi.com").equivalent(uri("sip:bob@biloxi.com:5060"))).isFalse();
  }
}
