package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.server.peers.BaresipPeer;
import dev.switchboard.server.peers.BaresipPeer.Account;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code switchboard call} against a running {@code serve}: it calls a real baresip and is called
 * by one, each side's tone detected in the other's recording; and its exit codes say busy, no
 * answer, not found and a wrong password.
 */
class SwitchboardCallTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir static Path dir;
  private static Switchboard sb;

  @BeforeAll
  static void serve() throws Exception {
    sb = Switchboard.start(dir.resolve("data"), 0, "--digest-challenge-order", "md5-only");
    sb.tenant("c.test", "1001", "1002", "1003");
  }

  @AfterAll
  static void stop() {
    if (sb != null) {
      sb.close();
    }
  }

  private static BaresipPeer baresip(String user, boolean autoAnswer, double toneHz)
      throws Exception {
    BaresipPeer p =
        BaresipPeer.start(
            Account.registered(
                user, "c.test", Switchboard.password(user), "127.0.0.1", sb.sipPort(), autoAnswer),
            toneHz,
            true);
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> assertThat(sb.aors("c.test")).as(p.output()).contains("sip:" + user + "@c.test"));
    return p;
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void callsBaresipAndEachHearsTheOther() throws Exception {
    Path recording = dir.resolve("cli-hears-baresip.wav");
    List<Path> baresipHeard;
    try (BaresipPeer bob = baresip("1002", true, 440);
        CallCli cli =
            CallCli.start(
                dir,
                sb,
                "1001",
                "c.test",
                "sip:1002@c.test",
                "--tone",
                "1000",
                "--record",
                recording.toString(),
                "--seconds",
                "4")) {
      int code = cli.awaitExit(40);
      assertThat(code).as(cli.output() + "\n" + bob.output()).isZero();
      assertThat(cli.output()).contains("registered sip:1001@c.test", "answered", "hung up");
      bob.awaitOutput(WAIT, "session closed", "terminated (duration");
      baresipHeard = bob.keepHeard(dir.resolve("bob-heard"));
    }
    assertThat(Heard.share(recording, 440)).as(Heard.describe(recording)).isGreaterThan(0.6);
    assertThat(baresipHeard).isNotEmpty();
    Path bobHeard = baresipHeard.get(baresipHeard.size() - 1);
    assertThat(Heard.share(bobHeard, 1000)).as(Heard.describe(bobHeard)).isGreaterThan(0.6);
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void answersACallFromBaresipAndEachHearsTheOther() throws Exception {
    Path recording = dir.resolve("cli-answered-baresip.wav");
    List<Path> baresipHeard;
    try (CallCli cli =
            CallCli.start(
                dir,
                sb,
                "1003",
                "c.test",
                "--answer",
                "--wait",
                "30",
                "--tone",
                "700",
                "--record",
                recording.toString(),
                "--seconds",
                "4");
        BaresipPeer alice = baresip("1001", false, 440)) {
      cli.await("waiting for a call", 20);
      await()
          .atMost(WAIT)
          .untilAsserted(() -> assertThat(sb.aors("c.test")).contains("sip:1003@c.test"));
      alice.dial("sip:1003@c.test");
      int code = cli.awaitExit(40);
      assertThat(code).as(cli.output() + "\n" + alice.output()).isZero();
      assertThat(cli.output()).contains("incoming call from sip:1001@c.test");
      alice.awaitOutput(WAIT, "session closed", "terminated (duration");
      baresipHeard = alice.keepHeard(dir.resolve("alice-heard"));
    }
    assertThat(Heard.share(recording, 440)).as(Heard.describe(recording)).isGreaterThan(0.6);
    Path aliceHeard = baresipHeard.get(baresipHeard.size() - 1);
    assertThat(Heard.share(aliceHeard, 700)).as(Heard.describe(aliceHeard)).isGreaterThan(0.6);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void twoCallCommandsHearEachOtherReceiveKeysAndAThirdHearsBusy() throws Exception {
    Path bobRecording = dir.resolve("cli-bob.wav");
    Path aliceRecording = dir.resolve("cli-alice.wav");
    try (CallCli bob =
        CallCli.start(
            dir,
            sb,
            "1002",
            "c.test",
            "--answer",
            "--wait",
            "30",
            "--tone",
            "700",
            "--record",
            bobRecording.toString(),
            "--seconds",
            "60")) {
      bob.await("waiting for a call", 20);
      try (CallCli alice =
          CallCli.start(
              dir,
              sb,
              "1001",
              "c.test",
              "sip:1002@c.test",
              "--tone",
              "1000",
              "--record",
              aliceRecording.toString(),
              "--dtmf",
              "1234",
              "--seconds",
              "20")) {
        alice.await("answered", 20);
        // bob is in a call (long enough for a slow machine to start one more JVM): a third
        // caller hears busy.
        try (CallCli carol = CallCli.start(dir, sb, "1003", "c.test", "sip:1002@c.test")) {
          assertThat(carol.awaitExit(30)).as(carol.output()).isEqualTo(4);
          assertThat(carol.output()).contains("486");
        }
        assertThat(alice.awaitExit(30)).as(alice.output()).isZero();
        assertThat(alice.output()).contains("sent DTMF 1234", "hung up");
      }
      assertThat(bob.awaitExit(30)).as(bob.output()).isZero();
      assertThat(bob.output())
          .contains("incoming call from sip:1001@c.test", "the other side hung up")
          .containsSubsequence(
              "received DTMF 1", "received DTMF 2", "received DTMF 3", "received DTMF 4");
    }
    assertThat(Heard.share(aliceRecording, 700))
        .as(Heard.describe(aliceRecording))
        .isGreaterThan(0.6);
    assertThat(Heard.share(bobRecording, 1000)).as(Heard.describe(bobRecording)).isGreaterThan(0.6);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void exitCodesSayNoAnswerNotFoundAndWrongPassword() throws Exception {
    // 1002 is not registered now: the proxy answers 480.
    try (CallCli cli = CallCli.start(dir, sb, "1001", "c.test", "sip:1002@c.test")) {
      assertThat(cli.awaitExit(30)).as(cli.output()).isEqualTo(5);
    }
    try (CallCli cli = CallCli.start(dir, sb, "1001", "c.test", "sip:4711@c.test")) {
      assertThat(cli.awaitExit(30)).as(cli.output()).isEqualTo(1);
    }
    try (CallCli cli =
        CallCli.start(dir, sb, "1001", "c.test", "sip:1002@c.test", "--password", "wrong")) {
      assertThat(cli.awaitExit(30)).as(cli.output()).isEqualTo(6);
    }
    // baresip rings without answering; the caller gives up after --wait and cancels.
    try (BaresipPeer bob = baresip("1002", false, 440);
        CallCli cli = CallCli.start(dir, sb, "1001", "c.test", "sip:1002@c.test", "--wait", "3")) {
      assertThat(cli.awaitExit(40)).as(cli.output()).isEqualTo(5);
      assertThat(cli.output()).contains("ringing");
    }
    try (CallCli cli = CallCli.start(dir, sb, "1001", "c.test")) {
      assertThat(cli.awaitExit(30)).as(cli.output()).isEqualTo(2);
    }
  }
}
