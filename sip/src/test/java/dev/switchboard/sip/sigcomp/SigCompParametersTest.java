package dev.switchboard.sip.sigcomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** SigComp's value types: parameters on the wire (RFC 3320 §3.3.1), compartment names, NACKs. */
class SigCompParametersTest {

  @Test
  void parametersTravelInOneByteAndAVersionByte() {
    SigCompParameters ours = new SigCompParameters(64, 16384, 8192, 2);
    // cpb 64 -> 10, dms 16384 -> 100, sms 8192 -> 011
    assertThat(ours.encodedByte()).isEqualTo(0b10_100_011);
    SigCompParameters learnt = SigCompParameters.SIP_MINIMUM.updatedBy(ours.encodedByte(), 2);
    assertThat(learnt).isEqualTo(ours);
    // A zero byte leaves everything as it was (§9.4.9).
    assertThat(ours.updatedBy(0, 0)).isEqualTo(ours);
  }

  @Test
  void onlyTheEncodableValuesAreAccepted() {
    assertThatThrownBy(() -> new SigCompParameters(20, 2048, 0, 1)).hasMessageContaining("cycles");
    assertThatThrownBy(() -> new SigCompParameters(16, 3000, 0, 1)).hasMessageContaining("memory");
    assertThatThrownBy(() -> new SigCompParameters(16, 0, 0, 1)).hasMessageContaining("0");
  }

  @Test
  void urnsCompareAsRfc2141AndRfc4122Say() {
    assertThat(CompartmentId.ofUrn("<URN:UUID:F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6>"))
        .isEqualTo(CompartmentId.ofUrn("urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6"));
    // Outside UUIDs the namespace-specific string keeps its case.
    assertThat(CompartmentId.ofUrn("URN:Example:AbC").value()).isEqualTo("urn:example:AbC");
    assertThat(CompartmentId.ofHost("PC33.Example.COM", 5060).value())
        .isEqualTo("pc33.example.com:5060");
  }

  @Test
  void aNackCarriesTheFailureAndTheMessageHash() throws DecompressionFailure {
    byte[] failed = HexFormat.of().parseHex("f9de812611991f");
    DecompressionFailure f =
        new DecompressionFailure(NackReason.STATE_NOT_FOUND, "gone", 31, 300, failed);
    byte[] wire = Nack.of(f, failed, 0, failed.length).encode();
    // code_len 0 and version 1 (RFC 4077 §3.1).
    assertThat(wire[0] & 0xFF).isEqualTo(0xF8);
    assertThat(wire[1]).isZero();
    assertThat(wire[2]).isEqualTo((byte) 1);
    Nack back = Nack.decode(SigCompMessage.parse(wire, 0, wire.length));
    assertThat(back.reason()).isEqualTo(NackReason.STATE_NOT_FOUND);
    assertThat(back.opcode()).isEqualTo(31);
    assertThat(back.pc()).isEqualTo(300);
    assertThat(back.messageHash()).isEqualTo(Sha1.of(failed));
    assertThat(back.details()).isEqualTo(failed);
  }

  @Test
  void theDictionaryIsTheRfcsToTheByte() {
    StateItem dictionary = SipSdpDictionary.state();
    assertThat(HexFormat.of().formatHex(dictionary.id()))
        .isEqualTo(SipSdpDictionary.STATE_IDENTIFIER);
    assertThat(dictionary.length()).isEqualTo(0x12E4);
    // RFC 4465 A.3.4 reads "SIP" at 0x0cfe.
    assertThat(new String(dictionary.value(), 0xCFE, 3, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("SIP");
  }
}
