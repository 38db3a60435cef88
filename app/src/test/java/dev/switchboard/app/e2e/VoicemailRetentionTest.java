package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant's voicemail retention on a running {@code serve}: with {@code maxMessages} reached the
 * caller ({@code switchboard call}) hears the mailbox-full tone and nothing is recorded; the sweep
 * removes a message older than {@code maxAgeDays} and keeps a recent one.
 */
class VoicemailRetentionTest {
  @TempDir static Path dir;
  private static Switchboard sb;
  private static String oldId;
  private static String recentId;

  @BeforeAll
  static void serve() throws Exception {
    // Two messages already on disk for 1003@r.test, under a 30-day limit: one 400 days old.
    Path box = Files.createDirectories(dir.resolve("data/voicemail/r.test/1003"));
    Files.writeString(dir.resolve("data/voicemail/r.test/retention.properties"), "maxAgeDays=30\n");
    oldId = message(box, Instant.now().minus(Duration.ofDays(400)));
    recentId = message(box, Instant.now().minus(Duration.ofDays(2)));
    sb = Switchboard.start(dir.resolve("data"), 0, "--digest-challenge-order", "md5-only");
    sb.tenant("r.test", "1001");
    for (String user : new String[] {"1002", "1003"}) {
      sb.post(
          "/api/v1/tenants/r.test/accounts",
          Map.of(
              "user",
              user,
              "password",
              Switchboard.password(user),
              "options",
              Map.of("voicemail", true)));
    }
  }

  /** A kept message as the mailbox keeps it (the WAV's content does not matter to the sweep). */
  private static String message(Path box, Instant at) throws Exception {
    String id = String.format("%013d-%06x", at.toEpochMilli(), 0xabcdef);
    Files.write(box.resolve(id + ".wav"), new byte[44]);
    Files.writeString(
        box.resolve(id + ".properties"),
        "caller=sip\\:1001@r.test\nreceivedAt=" + at + "\ndurationMillis=1000\n");
    return id;
  }

  @AfterAll
  static void stop() {
    if (sb != null) {
      sb.close();
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aFullMailboxAnswersWithTheFullToneAndRecordsNothing() throws Exception {
    assertThat(sb.put("/api/v1/tenants/r.test/voicemail-retention", Map.of("maxMessages", 1)))
        .isEqualTo(200);
    JsonNode limits = sb.get("/api/v1/tenants/r.test/voicemail-retention");
    assertThat(limits.get("maxMessages").asInt()).isEqualTo(1);
    assertThat(limits.get("maxAgeDays").isNull()).isTrue();

    call(700, dir.resolve("first.wav"));
    assertThat(Heard.share(dir.resolve("first.wav"), 950)).isGreaterThan(0.05); // the beep
    awaitItems(1);

    Path heard = dir.resolve("second.wav");
    call(1200, heard);
    // The second caller heard the full tone, not the beep, and left nothing.
    assertThat(Heard.millis(heard, 480)).as(Heard.describe(heard)).isGreaterThan(1_000);
    assertThat(Heard.millis(heard, 950)).as(Heard.describe(heard)).isLessThan(100);
    Thread.sleep(1_000);
    assertThat(sb.get("/api/v1/tenants/r.test/accounts/1002/voicemail").get("items")).hasSize(1);

    // Bad input: out of range, and an unknown field, are 400 with a JSON error; nothing changes.
    var bad =
        sb.send(
            "PUT",
            "/api/v1/tenants/r.test/voicemail-retention",
            "application/json",
            "{\"maxMessages\":0}".getBytes());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("\"field\":\"maxMessages\"");
    assertThat(
            sb.send(
                    "PUT",
                    "/api/v1/tenants/r.test/voicemail-retention",
                    "application/json",
                    "{\"maxMinutes\":3}".getBytes())
                .statusCode())
        .isEqualTo(400);
    assertThat(sb.get("/api/v1/tenants/r.test/voicemail-retention").get("maxMessages").asInt())
        .isEqualTo(1);
    Map<String, Object> none = new HashMap<>();
    none.put("maxMessages", null);
    assertThat(sb.put("/api/v1/tenants/r.test/voicemail-retention", none)).isEqualTo(200);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void theSweepRemovesMessagesPastTheAgeLimitAndKeepsRecentOnes() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    JsonNode items;
    do {
      items = sb.get("/api/v1/tenants/r.test/accounts/1003/voicemail").get("items");
      Thread.sleep(200);
    } while (items.size() > 1 && System.nanoTime() < deadline);
    assertThat(items).hasSize(1);
    assertThat(items.get(0).get("id").asText()).isEqualTo(recentId);
    assertThat(dir.resolve("data/voicemail/r.test/1003/" + oldId + ".wav")).doesNotExist();
    assertThat(dir.resolve("data/voicemail/r.test/1003/" + oldId + ".properties")).doesNotExist();
  }

  private static void call(int hz, Path heard) throws Exception {
    try (CallCli caller =
        CallCli.start(
            dir,
            sb,
            "1001",
            "r.test",
            "sip:1002@r.test",
            "--tone",
            Integer.toString(hz),
            "--record",
            heard.toString(),
            "--seconds",
            "5")) {
      assertThat(caller.awaitExit(40)).as(caller.output()).isZero();
    }
  }

  private static void awaitItems(int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      JsonNode items = sb.get("/api/v1/tenants/r.test/accounts/1002/voicemail").get("items");
      if (items.size() >= count || System.nanoTime() > deadline) {
        assertThat(items).hasSize(count);
        return;
      }
      Thread.sleep(200);
    }
  }
}
