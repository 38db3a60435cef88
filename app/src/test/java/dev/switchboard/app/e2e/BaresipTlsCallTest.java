package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.server.peers.BaresipPeer;
import dev.switchboard.server.peers.BaresipPeer.Account;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real baresip 1.0 softphones register with digest over TLS at {@code serve} (its self-signed
 * certificate, made at start) and call through the proxy: TLS to TLS, and TLS to a UDP phone, which
 * makes the proxy record-route twice (RFC 5658). The callee hangs up, so the BYE goes back to the
 * caller over the TLS connection the caller opened.
 */
class BaresipTlsCallTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path dir;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void tlsPhonesCallATlsPhoneAndAUdpPhoneAndTheCalleesHangUp() throws Exception {
    try (Switchboard sb =
        Switchboard.start(dir.resolve("data"), 0, "--digest-challenge-order", "md5-only")) {
      sb.tenant("a.test", "1001", "1002", "1003");
      int tls = sb.tlsPort();
      try (BaresipPeer alice =
              BaresipPeer.start(
                  Account.registeredOverTls(
                      "1001", "a.test", Switchboard.password("1001"), "127.0.0.1", tls, false));
          BaresipPeer bob =
              BaresipPeer.start(
                  Account.registeredOverTls(
                      "1002", "a.test", Switchboard.password("1002"), "127.0.0.1", tls, true));
          BaresipPeer carol =
              BaresipPeer.start(
                  Account.registered(
                      "1003",
                      "a.test",
                      Switchboard.password("1003"),
                      "127.0.0.1",
                      sb.sipPort(),
                      true))) {
        await()
            .atMost(WAIT)
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(
                () ->
                    assertThat(sb.aors("a.test"))
                        .as("alice:\n%s\nbob:\n%s", alice.output(), bob.output())
                        .contains("sip:1001@a.test", "sip:1002@a.test", "sip:1003@a.test"));

        // The registrar saw each phone over the transport it was given: the flows are TLS.
        java.util.Map<String, String> transports = new java.util.HashMap<>();
        sb.registrations("a.test")
            .forEach(
                n ->
                    transports.put(
                        n.get("aor").asText(),
                        n.get("transport").asText().toUpperCase(java.util.Locale.ROOT)));
        assertThat(transports)
            .containsEntry("sip:1001@a.test", "TLS")
            .containsEntry("sip:1002@a.test", "TLS")
            .containsEntry("sip:1003@a.test", "UDP");

        alice.dial("sip:1002@a.test");
        bob.awaitOutput("Call established: sip:1001@a.test", WAIT);
        alice.awaitOutput("Call established: sip:1002@a.test", WAIT);
        bob.hangup();
        alice.awaitOutput(WAIT, "session closed", "terminated (duration");
        bob.awaitOutput("call: terminate call", WAIT);

        alice.dial("sip:1003@a.test");
        carol.awaitOutput("Call established: sip:1001@a.test", WAIT);
        alice.awaitOutput("Call established: sip:1003@a.test", WAIT);
        carol.hangup();
        await()
            .atMost(WAIT)
            .until(() -> alice.count("session closed") + alice.count("terminated (duration") >= 2);
      }
      JsonNode toBob = sb.awaitCall("a.test", "1001", "1002");
      assertThat(toBob.get("status").asInt()).isEqualTo(200);
      assertThat(toBob.get("endedBy").asText()).isEqualToIgnoringCase("callee");
      JsonNode toCarol = sb.awaitCall("a.test", "1001", "1003");
      assertThat(toCarol.get("status").asInt()).isEqualTo(200);
      assertThat(toCarol.get("endedBy").asText()).isEqualToIgnoringCase("callee");
    }
  }
}
