package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.server.sipp.Sipp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PBX's forwarding to {@code voicemail} reaches the server's own voicemail on a running {@code
 * serve}: a registered phone that answers busy, one that rings without answering, and an extension
 * in do-not-disturb each send {@code switchboard call} to the mailbox, where its tone is kept.
 */
class VoicemailForwardingTest {
  @TempDir static Path dir;
  private static Switchboard sb;

  @BeforeAll
  static void serve() throws Exception {
    sb = Switchboard.start(dir.resolve("data"), 0, "--digest-challenge-order", "md5-only");
    sb.tenant("f.test", "1001");
    Map<String, Object> toVoicemail =
        Map.of(
            "voicemail",
            true,
            "forwardBusy",
            "voicemail",
            "forwardNoAnswer",
            "voicemail",
            "noAnswerSeconds",
            5);
    account("2001", toVoicemail);
    account("2002", toVoicemail);
    Map<String, Object> dnd = new java.util.HashMap<>(toVoicemail);
    dnd.put("doNotDisturb", true);
    account("2003", dnd);
  }

  private static void account(String user, Map<String, Object> options) throws Exception {
    sb.post(
        "/api/v1/tenants/f.test/accounts",
        Map.of("user", user, "password", Switchboard.password(user), "options", options));
  }

  @AfterAll
  static void stop() {
    if (sb != null) {
      sb.close();
    }
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aBusyPhoneSendsTheCallerToVoicemail() throws Exception {
    try (Sipp.Running phone =
        Phones.callee(dir, sb, "2001", "f.test", Switchboard.scenario(dir, "proxy-uas-busy.xml"))) {
      leaveMessage("2001", 700);
      Phones.assertOk(phone.await());
    }
    assertMessageHolds("2001", 700);
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aPhoneNobodyAnswersSendsTheCallerToVoicemailAfterTheRingTime() throws Exception {
    try (Sipp.Running phone =
        Phones.callee(
            dir, sb, "2002", "f.test", Switchboard.scenario(dir, "proxy-uas-cancelled.xml"))) {
      long start = System.nanoTime();
      leaveMessage("2002", 1000);
      // Rang for noAnswerSeconds (5) before voicemail answered, then 4 s of message.
      assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(8);
      Phones.assertOk(phone.await());
    }
    assertMessageHolds("2002", 1000);
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void doNotDisturbForwardsToVoicemail() throws Exception {
    leaveMessage("2003", 440);
    assertMessageHolds("2003", 440);
  }

  /** 1001 calls {@code user}, must be answered with the beep, and plays {@code hz} for 6 s. */
  private static void leaveMessage(String user, int hz) throws Exception {
    Path heard = dir.resolve("heard-" + user + ".wav");
    try (CallCli caller =
        CallCli.start(
            dir,
            sb,
            "1001",
            "f.test",
            "sip:" + user + "@f.test",
            "--tone",
            Integer.toString(hz),
            "--record",
            heard.toString(),
            "--seconds",
            "6")) {
      assertThat(caller.awaitExit(40)).as(caller.output()).isZero();
      assertThat(caller.output()).contains("answered");
    }
    // The 600 ms beep after the spoken prompt.
    assertThat(Heard.millis(heard, 950)).as(Heard.describe(heard)).isBetween(400L, 800L);
  }

  private static void assertMessageHolds(String user, int hz) throws Exception {
    String base = "/api/v1/tenants/f.test/accounts/" + user + "/voicemail";
    List<JsonNode> items = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (items.isEmpty() && System.nanoTime() < deadline) {
      sb.get(base).get("items").forEach(items::add);
      Thread.sleep(200);
    }
    assertThat(items).hasSize(1);
    assertThat(items.get(0).get("caller").asText()).contains("sip:1001@f.test");
    Path message = dir.resolve("message-" + user + ".wav");
    Files.write(message, sb.bytes(base + "/" + items.get(0).get("id").asText()));
    assertThat(Heard.share(message, hz)).as(Heard.describe(message)).isGreaterThan(0.6);
  }
}
