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
 * Two real baresip 1.0 softphones register with digest auth at {@code serve} and call each other
 * through the proxy; the call log then holds the call. baresip 1.0 (libre 1.1) answers only MD5 and
 * stops at a challenge it cannot answer, so the server runs with {@code md5-first}.
 */
class BaresipCallTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path dir;

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void twoBaresipPhonesRegisterCallAndHangUpAndTheCallIsInTheLog() throws Exception {
    try (Switchboard sb =
        Switchboard.start(dir.resolve("data"), 0, "--digest-challenge-order", "md5-only")) {
      sb.tenant("a.test", "1001", "1002");
      try (BaresipPeer alice =
              BaresipPeer.start(
                  Account.registered(
                      "1001",
                      "a.test",
                      Switchboard.password("1001"),
                      "127.0.0.1",
                      sb.sipPort(),
                      false));
          BaresipPeer bob =
              BaresipPeer.start(
                  Account.registered(
                      "1002",
                      "a.test",
                      Switchboard.password("1002"),
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
                        .contains("sip:1001@a.test", "sip:1002@a.test"));

        alice.dial("sip:1002@a.test");
        bob.awaitOutput("Call established: sip:1001@a.test", WAIT);
        alice.awaitOutput("Call established: sip:1002@a.test", WAIT);
        Thread.sleep(1000); // a call that lasts, so the duration is real
        alice.hangup();
        alice.awaitOutput("call: terminate call", WAIT);
        bob.awaitOutput(WAIT, "session closed", "terminated (duration");
      }
      JsonNode cdr = sb.awaitCall("a.test", "1001", "1002");
      assertThat(cdr.get("status").asInt()).isEqualTo(200);
      assertThat(cdr.get("answerTime").isNull()).isFalse();
      assertThat(cdr.get("durationSeconds").asLong()).isGreaterThanOrEqualTo(0);
      assertThat(cdr.get("endedBy").asText()).isEqualToIgnoringCase("caller");
      assertThat(cdr.get("direction").asText()).isEqualToIgnoringCase("internal");
    }
  }
}
