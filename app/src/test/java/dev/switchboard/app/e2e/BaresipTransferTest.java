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
 * A blind transfer between three real baresip 1.0 phones through {@code serve}: 1001 calls 1002,
 * 1002 transfers it ({@code REFER}) to 1003, and 1001 and 1003 then hear each other's tone.
 * (baresip 1.0 cannot make an attended transfer: it has no {@code Replaces}.)
 */
class BaresipTransferTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  private static BaresipPeer phone(Switchboard sb, String user, boolean autoAnswer, double toneHz)
      throws Exception {
    BaresipPeer p =
        BaresipPeer.start(
            Account.registered(
                user, "a.test", Switchboard.password(user), "127.0.0.1", sb.sipPort(), autoAnswer),
            toneHz,
            true);
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> assertThat(sb.aors("a.test")).as(p.output()).contains("sip:" + user + "@a.test"));
    return p;
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aBlindTransferJoinsTheCallerToTheTargetAndTheyHearEachOther() throws Exception {
    List<Path> aliceHeard;
    List<Path> carolHeard;
    try (Switchboard sb =
        Switchboard.start(dir.resolve("data"), 0, "--digest-challenge-order", "md5-only")) {
      sb.tenant("a.test", "1001", "1002", "1003");
      try (BaresipPeer alice = phone(sb, "1001", false, 440);
          BaresipPeer bob = phone(sb, "1002", true, 700);
          BaresipPeer carol = phone(sb, "1003", true, 1000)) {
        alice.dial("sip:1002@a.test");
        alice.awaitOutput("Call established: sip:1002@a.test", WAIT);
        bob.awaitOutput("Call established: sip:1001@a.test", WAIT);
        Thread.sleep(1000);

        bob.command("/transfer sip:1003@a.test");
        String all = "alice:\n%s\nbob:\n%s\ncarol:\n%s";
        await()
            .atMost(WAIT)
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(
                () ->
                    assertThat(carol.output())
                        .as(all, alice.output(), bob.output(), carol.output())
                        .contains("Call established: sip:1001@a.test"));
        alice.awaitOutput("Call established: sip:1003@a.test", WAIT);
        Thread.sleep(3000); // audio long enough to measure
        alice.hangup();
        carol.awaitOutput(WAIT, "session closed", "terminated (duration");
        aliceHeard = alice.keepHeard(dir.resolve("alice-heard"));
        carolHeard = carol.keepHeard(dir.resolve("carol-heard"));
      }
      // The transferred call, 1001 to 1003, is recorded as 1002's transfer: baresip 1.0 puts no
      // Referred-By in its INVITE, so the server goes by the REFER it relayed.
      JsonNode cdr = sb.awaitCall("a.test", "1001", "1003");
      assertThat(cdr.get("status").asInt()).as(cdr.toString()).isEqualTo(200);
      assertThat(cdr.get("routing").asText()).as(cdr.toString()).isEqualTo("transfer");
      assertThat(cdr.get("referredBy").asText()).as(cdr.toString()).contains("sip:1002@a.test");
      assertThat(cdr.get("answeredBy").asText()).as(cdr.toString()).isEqualTo("sip:1003@a.test");
    }
    // The final pair hear each other: 1001's last call carried 1003's tone and the other way.
    assertThat(aliceHeard).hasSizeGreaterThanOrEqualTo(2);
    Path aliceLast = aliceHeard.get(aliceHeard.size() - 1);
    assertThat(Heard.share(aliceLast, 1000)).as(Heard.describe(aliceLast)).isGreaterThan(0.6);
    assertThat(carolHeard).isNotEmpty();
    Path carolLast = carolHeard.get(carolHeard.size() - 1);
    assertThat(Heard.share(carolLast, 440)).as(Heard.describe(carolLast)).isGreaterThan(0.6);
  }
}
