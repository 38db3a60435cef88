package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.wire.SigCompPhone;
import dev.switchboard.server.wire.SipProbe;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.sigcomp.NackReason;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SigComp message that loops, sent to a real {@code switchboard serve}: it is dropped and NACKed,
 * /metrics counts it and holds no compartment for it, and the node goes on answering.
 */
class SigCompMetricsTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aLoopingMessageShowsOnMetricsAndTheNodeStaysUp() throws Exception {
    try (Switchboard sb = Switchboard.start(dir.resolve("data"), 0);
        SigCompPhone phone =
            new SigCompPhone(new InetSocketAddress("127.0.0.1", sb.sipPort()), true, true);
        SipProbe probe = new SipProbe(sb.sipPort())) {
      assertThat(sb.metrics()).contains("switchboard_sigcomp_cycles_exhausted_total 0\n");
      // RFC 4465 A.2.2: bytecode that copies and outputs forever.
      phone.sendRaw(
          HexFormat.of().parseHex("f801a10f86042029002212a04402601402a0642322a0440206220116ef"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (phone.nacks().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(phone.nacks())
          .extracting(n -> n.reason())
          .containsExactly(NackReason.CYCLES_EXHAUSTED);

      String metrics = sb.metrics();
      assertThat(metrics)
          .contains("switchboard_sigcomp_cycles_exhausted_total 1\n")
          .contains("switchboard_sigcomp_decompression_failures_total 1\n")
          .contains("switchboard_sigcomp_compartments 0\n")
          // The RFC 3485 dictionary is the one state held.
          .contains("switchboard_sigcomp_states 1\n");

      String callId = "opt-" + SipProbe.token();
      probe.send(
          probe.request(
              "OPTIONS",
              "sip:127.0.0.1:" + sb.sipPort(),
              "<sip:probe@a.test>;tag=p1",
              "<sip:127.0.0.1:" + sb.sipPort() + ">",
              callId,
              1));
      SipResponse ok = probe.response(callId, 1, Duration.ofSeconds(5));
      assertThat(ok).isNotNull();
      assertThat(ok.status()).isEqualTo(200);
    }
  }
}
