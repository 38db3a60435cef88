package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.server.peers.BaresipPeer;
import dev.switchboard.server.peers.BaresipPeer.Account;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attended transfer through {@code serve}: 1001 ({@code switchboard call}) calls 1002 ({@code
 * switchboard call --attended --transfer-to 1003}); 1002 holds 1001, calls 1003 (a real baresip),
 * then REFERs 1001 to 1003 with Replaces; 1001's INVITE with Replaces reaches 1003 through the
 * proxy, 1001 and 1003 hear each other's tone, 1002 is released and the call record says transfer.
 * The transferee is our UA, not baresip: baresip 1.0 has no Replaces at all (neither its binary nor
 * libre contains the word), so it would follow the REFER without the header.
 */
class AttendedTransferTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void theTransfereeReachesTheTargetWithReplacesAndTheyHearEachOther() throws Exception {
    Path aliceRecording = dir.resolve("alice.wav");
    List<Path> carolHeard;
    String carolLog;
    String bobOut;
    String aliceOut;
    try (Switchboard sb =
        Switchboard.start(dir.resolve("data"), 0, "--digest-challenge-order", "md5-only")) {
      sb.tenant("a.test", "1001", "1002", "1003");
      try (BaresipPeer carol =
              BaresipPeer.start(
                  Account.registered(
                      "1003",
                      "a.test",
                      Switchboard.password("1003"),
                      "127.0.0.1",
                      sb.sipPort(),
                      true),
                  1000,
                  true,
                  true);
          CallCli bob =
              CallCli.start(
                  dir,
                  sb,
                  "1002",
                  "a.test",
                  "--answer",
                  "--wait",
                  "30",
                  "--tone",
                  "700",
                  "--transfer-to",
                  "1003",
                  "--attended",
                  "--transfer-after",
                  "2")) {
        await()
            .atMost(WAIT)
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(
                () -> assertThat(sb.aors("a.test")).contains("sip:1003@a.test", "sip:1002@a.test"));
        bob.await("waiting for a call", 20);
        try (CallCli alice =
            CallCli.start(
                dir,
                sb,
                "1001",
                "a.test",
                "sip:1002@a.test",
                "--tone",
                "440",
                "--record",
                aliceRecording.toString(),
                "--seconds",
                "16")) {
          assertThat(bob.awaitExit(60)).as(bob.output() + "\n" + carol.output()).isZero();
          bobOut = bob.output();
          assertThat(alice.awaitExit(40)).as(alice.output() + "\n" + carol.output()).isZero();
          aliceOut = alice.output();
        }
        carol.awaitOutput(WAIT, "session closed", "terminated (duration");
        carolLog = carol.output();
        carolHeard = carol.keepHeard(dir.resolve("carol-heard"));
      }
      // The transferred call 1001 → 1003 is recorded as 1002's transfer, answered by 1003.
      JsonNode cdr = sb.awaitCall("a.test", "1001", "1003");
      assertThat(cdr.get("status").asInt()).as(cdr.toString()).isEqualTo(200);
      assertThat(cdr.get("routing").asText()).as(cdr.toString()).isEqualTo("transfer");
      assertThat(cdr.get("referredBy").asText()).as(cdr.toString()).contains("sip:1002@a.test");
      assertThat(cdr.get("answeredBy").asText()).as(cdr.toString()).isEqualTo("sip:1003@a.test");
    }
    // 1002 held, consulted, transferred and let go of both calls.
    assertThat(bobOut)
        .containsSubsequence(
            "incoming call from sip:1001@a.test",
            "holding sip:1001@a.test",
            "consulting sip:1003@a.test",
            "transferring sip:1001@a.test to sip:1003@a.test (attended)",
            "transfer succeeded (200)",
            "released");
    assertThat(aliceOut)
        .containsSubsequence(
            "answered",
            "held by the other side",
            "transferred to sip:1003@a.test by REFER",
            "now talking to sip:1003@a.test",
            "hung up");
    // The INVITE that reached baresip through the proxy carried the Replaces for 1002's dialog.
    assertThat(carolLog)
        .containsPattern("(?i)\\nReplaces: [^\\r\\n]+;to-tag=[^;\\r\\n]+;from-tag=");
    assertThat(carolLog).containsPattern("(?i)\\nReferred-By: <sip:1002@a.test>");
    // 1001 heard 1003's tone for seconds after the transfer; 1003 heard 1001's in that call.
    assertThat(Heard.millis(aliceRecording, 1000))
        .as(Heard.describe(aliceRecording))
        .isGreaterThan(3000);
    assertThat(carolHeard).hasSizeGreaterThanOrEqualTo(2);
    Path carolLast = carolHeard.get(carolHeard.size() - 1);
    assertThat(Heard.share(carolLast, 440)).as(Heard.describe(carolLast)).isGreaterThan(0.6);
  }
}
