package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Voicemail answered by a running {@code serve}: {@code switchboard call} rings an extension with
 * the {@code voicemail} option that nobody registered, hears the prompt and the beep, leaves its
 * tone, and the message is listed over the API and its WAV holds that tone; without the option the
 * call still ends in 480. The {@code *97} feature code reaches the caller's own mailbox.
 */
class VoicemailTest {
  @TempDir static Path dir;
  private static Switchboard sb;

  @BeforeAll
  static void serve() throws Exception {
    sb = Switchboard.start(dir.resolve("data"), 0, "--digest-challenge-order", "md5-only");
    sb.tenant("v.test", "1001", "1003");
    sb.post(
        "/api/v1/tenants/v.test/accounts",
        Map.of(
            "user",
            "1002",
            "password",
            Switchboard.password("1002"),
            "options",
            Map.of("voicemail", true)));
    sb.post(
        "/api/v1/tenants/v.test/accounts",
        Map.of(
            "user",
            "1004",
            "password",
            Switchboard.password("1004"),
            "options",
            Map.of("voicemail", true)));
  }

  @AfterAll
  static void stop() {
    if (sb != null) {
      sb.close();
    }
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aCallerLeavesAMessageThatTheApiListsAndPlaysBack() throws Exception {
    Path heard = dir.resolve("caller-heard.wav");
    try (CallCli caller =
        CallCli.start(
            dir,
            sb,
            "1001",
            "v.test",
            "sip:1002@v.test",
            "--tone",
            "700",
            "--record",
            heard.toString(),
            "--seconds",
            "7")) {
      assertThat(caller.awaitExit(40)).as(caller.output()).isZero();
      assertThat(caller.output()).contains("answered", "hung up");
    }
    // The caller heard the 600 ms beep after the spoken prompt (VoicemailPromptLanguageTest).
    assertThat(Heard.millis(heard, 950)).as(Heard.describe(heard)).isBetween(400L, 800L);

    List<JsonNode> messages = awaitMessages("1002", 1);
    JsonNode m = messages.get(0);
    assertThat(m.get("caller").asText()).contains("sip:1001@v.test");
    assertThat(m.get("durationMillis").asLong()).isBetween(2_000L, 6_000L);
    Path message = dir.resolve("message.wav");
    Files.write(
        message,
        sb.bytes("/api/v1/tenants/v.test/accounts/1002/voicemail/" + m.get("id").asText()));
    assertThat(Heard.share(message, 700)).as(Heard.describe(message)).isGreaterThan(0.6);
    // Kept under the data directory.
    assertThat(dir.resolve("data/voicemail/v.test/1002/" + m.get("id").asText() + ".wav")).exists();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void withoutTheOptionAnUnregisteredExtensionIsStillUnavailable() throws Exception {
    try (CallCli caller = CallCli.start(dir, sb, "1001", "v.test", "sip:1003@v.test")) {
      assertThat(caller.awaitExit(30)).as(caller.output()).isEqualTo(5);
      assertThat(caller.output()).contains("480");
    }
    assertThat(sb.get("/api/v1/tenants/v.test/accounts/1003/voicemail").get("items")).isEmpty();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void theVoicemailFeatureCodeReachesTheCallersOwnMailbox() throws Exception {
    // *97 answers with the caller's own mailbox menu (the PIN prompt; MailboxMenu's tests walk it).
    try (CallCli owner =
        CallCli.start(dir, sb, "1004", "v.test", "sip:*97@v.test", "--seconds", "3")) {
      assertThat(owner.awaitExit(30)).as(owner.output()).isZero();
      assertThat(owner.output()).contains("answered", "hung up");
    }
    // Without a mailbox there is nothing to retrieve: 404, as for sip:voicemail@ (a refusal, 1).
    try (CallCli none = CallCli.start(dir, sb, "1001", "v.test", "sip:*97@v.test")) {
      assertThat(none.awaitExit(30)).as(none.output()).isEqualTo(1);
      assertThat(none.output()).contains("404");
    }
  }

  private static List<JsonNode> awaitMessages(String user, int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      List<JsonNode> items = new java.util.ArrayList<>();
      sb.get("/api/v1/tenants/v.test/accounts/" + user + "/voicemail")
          .get("items")
          .forEach(items::add);
      if (items.size() >= count || System.nanoTime() > deadline) {
        assertThat(items).hasSize(count);
        return items;
      }
      Thread.sleep(200);
    }
  }
}
