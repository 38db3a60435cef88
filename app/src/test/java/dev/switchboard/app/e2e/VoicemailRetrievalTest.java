package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The owner retrieves voicemail by phone on a running {@code serve}: {@code switchboard call} dials
 * {@code sip:voicemail@DOMAIN}, enters the PIN set over the API by DTMF and walks the menu (6 next,
 * 1 listen again, 7 delete, 9 save) while hearing the messages' tones; wrong PINs get the error
 * tone and, the third time, a hang-up.
 */
class VoicemailRetrievalTest {
  @TempDir static Path dir;
  private static Switchboard sb;
  private static final String BOX = "/api/v1/tenants/r.test/accounts/3002/voicemail";

  @BeforeAll
  static void serve() throws Exception {
    sb = Switchboard.start(dir.resolve("data"), 0, "--digest-challenge-order", "md5-only");
    sb.tenant("r.test", "1001");
    sb.post(
        "/api/v1/tenants/r.test/accounts",
        Map.of(
            "user",
            "3002",
            "password",
            Switchboard.password("3002"),
            "options",
            Map.of("voicemail", true)));
    String pin = "/api/v1/tenants/r.test/accounts/3002/voicemail-pin";
    assertThat(sb.put(pin, Map.of("pin", "47a1"))).isEqualTo(400);
    assertThat(sb.put(pin, Map.of("pin", "4711"))).isEqualTo(204);
  }

  @AfterAll
  static void stop() {
    if (sb != null) {
      sb.close();
    }
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void theOwnerListensDeletesAndSavesByDtmf() throws Exception {
    // 3002 has no phone registered: two callers leave 700 Hz and 1000 Hz.
    leave(700);
    leave(1000);
    List<JsonNode> left = messages(2);
    String first = left.get(0).get("id").asText();

    // Three wrong PINs: the error tone each time, then the server hangs up; nothing changes.
    Path refused = dir.resolve("wrong-pin.wav");
    try (CallCli owner = owner(refused, "1111#,,1111#,,1111#", "20")) {
      assertThat(owner.awaitExit(40)).as(owner.output()).isZero();
      assertThat(owner.output()).contains("the other side hung up");
    }
    assertThat(Heard.share(refused, 300)).as(Heard.describe(refused)).isGreaterThan(0.1);
    assertThat(Heard.share(refused, 700)).as(Heard.describe(refused)).isLessThan(0.01);
    assertThat(messages(2)).allMatch(m -> !m.get("saved").asBoolean());

    // PIN, then: the first message for 3 s, 6 next, 1 the second again, 7 delete it.
    Path heard = dir.resolve("menu.wav");
    try (CallCli owner = owner(heard, "4711#,,,6,,1,,7", "12")) {
      assertThat(owner.awaitExit(40)).as(owner.output()).isZero();
    }
    assertThat(Heard.share(heard, 700)).as(Heard.describe(heard)).isGreaterThan(0.05);
    assertThat(Heard.share(heard, 1000)).as(Heard.describe(heard)).isGreaterThan(0.1);
    assertThat(Heard.share(heard, 1200)).as("the deleted tone").isGreaterThan(0.005);
    List<JsonNode> kept = messages(1);
    assertThat(kept.get(0).get("id").asText()).isEqualTo(first);
    assertThat(kept.get(0).get("saved").asBoolean()).isFalse();

    // Once more: 9 saves the first message, which stays but is no longer new.
    try (CallCli owner = owner(dir.resolve("save.wav"), "4711#,,9", "6")) {
      assertThat(owner.awaitExit(40)).as(owner.output()).isZero();
    }
    JsonNode saved = messages(1).get(0);
    assertThat(saved.get("id").asText()).isEqualTo(first);
    assertThat(saved.get("saved").asBoolean()).isTrue();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void anExtensionWithoutVoicemailHasNoMailboxToCall() throws Exception {
    try (CallCli caller = CallCli.start(dir, sb, "1001", "r.test", "sip:voicemail@r.test")) {
      assertThat(caller.awaitExit(30)).as(caller.output()).isEqualTo(1);
      assertThat(caller.output()).contains("404");
    }
  }

  private static CallCli owner(Path record, String keys, String seconds) throws Exception {
    return CallCli.start(
        dir,
        sb,
        "3002",
        "r.test",
        "sip:voicemail@r.test",
        "--dtmf",
        keys,
        "--record",
        record.toString(),
        "--seconds",
        seconds);
  }

  private static void leave(int hz) throws Exception {
    try (CallCli caller =
        CallCli.start(
            dir,
            sb,
            "1001",
            "r.test",
            "sip:3002@r.test",
            "--tone",
            Integer.toString(hz),
            "--seconds",
            "4")) {
      assertThat(caller.awaitExit(40)).as(caller.output()).isZero();
    }
  }

  private static List<JsonNode> messages(int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      List<JsonNode> items = new ArrayList<>();
      sb.get(BOX).get("items").forEach(items::add);
      if (items.size() == count || System.nanoTime() > deadline) {
        assertThat(items).hasSize(count);
        return items;
      }
      Thread.sleep(200);
    }
  }
}
