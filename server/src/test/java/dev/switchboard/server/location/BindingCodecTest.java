package dev.switchboard.server.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.transport.Endpoint;
import dev.switchboard.sip.transport.TransportKind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BindingCodecTest {
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

  private static Binding binding(String userAgent, String callId) {
    return new Binding(
        "sip:1001@a.test",
        Address.parse("<sip:1001@[2001:db8::7]:5070;transport=tcp>;+sip.instance=\"<urn:x>\""),
        500,
        NOW.plusSeconds(3600),
        callId,
        42,
        List.of(Address.parse("<sip:edge.a.test;lr>")),
        new Endpoint(TransportKind.TCP, new InetSocketAddress("2001:db8::7", 5070)),
        userAgent,
        NOW);
  }

  /** ASCII is copied as it is; anything else (and NUL) goes through the UTF decoder: same text. */
  @Test
  void readsBackWhatItWroteWhateverTheCharacters() throws IOException {
    List<AorSnapshot> batch =
        List.of(
            new AorSnapshot("sip:1001@a.test", List.of(binding("Yealink SIP-T46U", "abc@h"))),
            new AorSnapshot("sip:1001@a.test", List.of(binding("话机 Ünï\u0000 ☎", "x\u0000y"))),
            new AorSnapshot("sip:1002@a.test", List.of()));
    List<AorSnapshot> back = BindingCodec.decode(BindingCodec.encode(batch));
    assertThat(back).hasSize(3);
    for (int i = 0; i < batch.size(); i++) {
      assertThat(back.get(i).aor()).isEqualTo(batch.get(i).aor());
      assertThat(back.get(i).bindings()).hasSameSizeAs(batch.get(i).bindings());
      for (int j = 0; j < batch.get(i).bindings().size(); j++) {
        Binding a = batch.get(i).bindings().get(j);
        Binding b = back.get(i).bindings().get(j);
        assertThat(b.contactText()).isEqualTo(a.contactText());
        assertThat(b.userAgent()).isEqualTo(a.userAgent());
        assertThat(b.callId()).isEqualTo(a.callId());
        assertThat(b.path()).isEqualTo(a.path());
        assertThat(b.source()).isEqualTo(a.source());
        assertThat(b.expiresAtMillis()).isEqualTo(a.expiresAtMillis());
        assertThat(b.qMillis()).isEqualTo(a.qMillis());
      }
    }
  }

  @Test
  void aFrameCutShortIsAnIoErrorNotACrash() throws IOException {
    byte[] whole =
        BindingCodec.encode(List.of(new AorSnapshot("sip:1@a.test", List.of(binding("ua", "c")))));
    for (int cut = 0; cut < whole.length; cut++) {
      byte[] part = Arrays.copyOf(whole, cut);
      assertThatThrownBy(() -> BindingCodec.decode(part)).isInstanceOf(IOException.class);
    }
  }
}
