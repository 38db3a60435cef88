package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.server.peers.BaresipPeer;
import dev.switchboard.server.peers.BaresipPeer.Account;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real phone as a presence watcher: baresip 1001 with its presence module subscribes to 1002
 * through {@code serve}, and the server's NOTIFYs move it from Offline (1002 not registered) to
 * Online (1002 registers), Busy (1002 answers a call: the server's on-the-phone activity), Online
 * (hang-up), Offline (a second baresip of 1002 publishes closed while both are registered) and back
 * to Online (it publishes open).
 */
class BaresipPresenceTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  private static void awaitStatus(BaresipPeer watcher, String status, int times) {
    Pattern p = Pattern.compile("<sip:1002@a\\.test> changed status from \\w+ to " + status);
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () ->
                assertThat(p.matcher(watcher.output()).results().count())
                    .as(watcher.output())
                    .isGreaterThanOrEqualTo(times));
  }

  private static Account account(Switchboard sb, String user, boolean autoAnswer) {
    return Account.registered(
        user, "a.test", Switchboard.password(user), "127.0.0.1", sb.sipPort(), autoAnswer);
  }

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void baresipSeesAnotherExtensionRegisterCallHangUpAndPublish() throws Exception {
    try (Switchboard sb =
        Switchboard.start(dir.resolve("data"), 0, "--digest-challenge-order", "md5-only")) {
      sb.tenant("a.test", "1001", "1002", "1003");
      try (BaresipPeer watcher =
          BaresipPeer.startWatching(account(sb, "1001", false), List.of("sip:1002@a.test"))) {
        // baresip prints a change only, not its first state: its SIP trace shows that NOTIFY
        // (closed: 1002 is not registered).
        watcher.awaitOutput("<basic>closed</basic>", WAIT);
        try (BaresipPeer bob = BaresipPeer.start(account(sb, "1002", true), 440, false);
            BaresipPeer carol = BaresipPeer.start(account(sb, "1003", false), 700, false)) {
          // 1002's phone registers (it publishes nothing): the server's own state says open.
          awaitStatus(watcher, "Online", 1);
          await()
              .atMost(WAIT)
              .untilAsserted(() -> assertThat(sb.aors("a.test")).contains("sip:1003@a.test"));
          carol.dial("sip:1002@a.test");
          bob.awaitOutput("Call established: sip:1003@a.test", WAIT);
          awaitStatus(watcher, "Busy", 1);
          carol.hangup();
          bob.awaitOutput(WAIT, "session closed", "terminated (duration");
          awaitStatus(watcher, "Online", 2);

          // A second phone of 1002 publishes (baresip's presence module, open at first): closed
          // while both phones stay registered, then open again.
          try (BaresipPeer desk =
              BaresipPeer.startWatching(account(sb, "1002", false), List.of("sip:1001@a.test"))) {
            desk.awaitOutput("PUBLISH sip:1002@a.test", WAIT);
            desk.command("/presence_offline");
            awaitStatus(watcher, "Offline", 1);
            assertThat(sb.aors("a.test")).contains("sip:1002@a.test");
            desk.command("/presence_online");
            awaitStatus(watcher, "Online", 3);
          }
        }
      }
    }
  }
}
