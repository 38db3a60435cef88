package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.media.tone.ToneGenerator;
import dev.switchboard.media.wav.WavEncoding;
import dev.switchboard.media.wav.WavWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auto-attendant on a running {@code serve}: a menu at 800 configured over the API with an
 * uploaded greeting (a 660 Hz second); {@code switchboard call} dials 800, presses 2 and is bridged
 * to extension 1002, who answers; an invalid key gets the invalid tone and the greeting again, and
 * after the last try the fallback hangs up.
 */
class AutoAttendantTest {
  private static final String MENUS = "/api/v1/tenants/i.test/ivr-menus";
  private static final double GREETING_HZ = 660;

  @TempDir static Path dir;
  private static Switchboard sb;

  @BeforeAll
  static void serve() throws Exception {
    sb = Switchboard.start(dir.resolve("data"), 0, "--digest-challenge-order", "md5-only");
    sb.tenant("i.test", "1001", "1002");
    sb.post(
        "/api/v1/tenants/i.test/accounts",
        Map.of(
            "user",
            "1003",
            "password",
            Switchboard.password("1003"),
            "options",
            Map.of("voicemail", true)));
    JsonNode menu =
        sb.post(
            MENUS,
            Map.of(
                "number",
                "800",
                "name",
                "Front desk",
                "timeoutSeconds",
                2,
                "retries",
                1,
                "keys",
                Map.of("2", "dial:1002", "0", "extension", "9", "voicemail:1003"),
                "fallback",
                "hangup"));
    assertThat(menu.get("keys").get("2").asText()).isEqualTo("dial:1002");
    Path greeting = dir.resolve("greeting.wav");
    WavWriter.write(
        greeting, WavEncoding.PCM, ToneGenerator.sine(GREETING_HZ, 8000, 1000).render(1000));
    HttpResponse<String> up =
        sb.send("PUT", MENUS + "/800/greeting", "audio/wav", Files.readAllBytes(greeting));
    assertThat(up.statusCode()).as(up.body()).isEqualTo(204);
    assertThat(sb.get(MENUS + "/800").get("hasGreeting").asBoolean()).isTrue();
  }

  @AfterAll
  static void stop() {
    if (sb != null) {
      sb.close();
    }
  }

  /** 1002 waits for a call, answers with 1200 Hz for 4 s and records; registered on return. */
  private static CallCli callee(Path record) throws Exception {
    CallCli callee =
        CallCli.start(
            dir,
            sb,
            "1002",
            "i.test",
            "--answer",
            "--wait",
            "40",
            "--tone",
            "1200",
            "--record",
            record.toString(),
            "--seconds",
            "4");
    callee.await("waiting for a call", 20);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(sb.aors("i.test")).contains("sip:1002@i.test"));
    return callee;
  }

  /** 1001 calls menu 800, keys {@code keys} 1.5 s after the answer, plays 700 Hz and records. */
  private static CallCli caller(String keys, Path record, String seconds) throws Exception {
    return CallCli.start(
        dir,
        sb,
        "1001",
        "i.test",
        "sip:800@i.test",
        "--dtmf",
        keys,
        "--dtmf-delay",
        "1500",
        "--tone",
        "700",
        "--record",
        record.toString(),
        "--seconds",
        seconds);
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void pressingTwoReachesTheExtensionWhoAnswers() throws Exception {
    Path calleeHeard = dir.resolve("callee.wav");
    Path callerHeard = dir.resolve("caller.wav");
    try (CallCli callee = callee(calleeHeard)) {
      try (CallCli caller = caller("2", callerHeard, "9")) {
        assertThat(callee.awaitExit(40)).as(callee.output()).isZero();
        assertThat(caller.awaitExit(40)).as(caller.output()).isZero();
        assertThat(callee.output()).contains("incoming call from sip:1001@attendant.invalid");
        // The callee hung up after 4 s: the attendant hung up the caller too.
        assertThat(caller.output()).contains("the other side hung up");
      }
    }
    // The caller heard the greeting once, then the callee; the callee heard the caller.
    assertThat(Heard.millis(callerHeard, GREETING_HZ))
        .as(Heard.describe(callerHeard))
        .isBetween(700L, 1300L);
    assertThat(Heard.millis(callerHeard, 1200)).as(Heard.describe(callerHeard)).isGreaterThan(2500);
    assertThat(Heard.millis(calleeHeard, 700)).as(Heard.describe(calleeHeard)).isGreaterThan(2500);
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void zeroThenAnExtensionAndHashDialsThatExtension() throws Exception {
    Path calleeHeard = dir.resolve("by-extension-callee.wav");
    Path callerHeard = dir.resolve("by-extension-caller.wav");
    try (CallCli callee = callee(calleeHeard);
        CallCli caller = caller("0,1002#", callerHeard, "10")) {
      assertThat(callee.awaitExit(40)).as(callee.output()).isZero();
      assertThat(caller.awaitExit(40)).as(caller.output()).isZero();
    }
    assertThat(Heard.millis(callerHeard, 880))
        .as("the prompt for an extension " + Heard.describe(callerHeard))
        .isGreaterThan(200);
    assertThat(Heard.millis(callerHeard, 1200)).as(Heard.describe(callerHeard)).isGreaterThan(2500);
    assertThat(Heard.millis(calleeHeard, 700)).as(Heard.describe(calleeHeard)).isGreaterThan(2500);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void nineLeavesAMessageInTheMailboxTheMenuNames() throws Exception {
    String box = "/api/v1/tenants/i.test/accounts/1003/voicemail";
    try (CallCli caller = caller("9", dir.resolve("to-voicemail.wav"), "8")) {
      assertThat(caller.awaitExit(40)).as(caller.output()).isZero();
    }
    JsonNode message =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> sb.get(box).get("items"), items -> items.size() == 1)
            .get(0);
    assertThat(message.get("durationMillis").asLong()).isGreaterThan(2000);
    Path audio = dir.resolve("left.wav");
    Files.write(audio, sb.bytes(box + "/" + message.get("id").asText()));
    assertThat(Heard.millis(audio, 700)).as(Heard.describe(audio)).isGreaterThan(2000);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void anInvalidKeyReplaysTheMenuThenTheFallbackHangsUp() throws Exception {
    Path heard = dir.resolve("replay.wav");
    try (CallCli caller =
        CallCli.start(
            dir,
            sb,
            "1001",
            "i.test",
            "sip:800@i.test",
            "--dtmf",
            "5",
            "--dtmf-delay",
            "1600",
            "--record",
            heard.toString(),
            "--seconds",
            "15")) {
      assertThat(caller.awaitExit(40)).as(caller.output()).isZero();
      // 1 retry, 2 s timeout: greeting, 5, invalid tone and greeting, silence, hung up.
      assertThat(caller.output()).contains("the other side hung up");
    }
    assertThat(Heard.millis(heard, GREETING_HZ)).as(Heard.describe(heard)).isBetween(1700L, 2300L);
    assertThat(Heard.millis(heard, 300)).as(Heard.describe(heard)).isBetween(250L, 500L);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void outsideItsHoursAMenuSendsCallersToItsAfterHoursDestination() throws Exception {
    // Open only on the two days after tomorrow in Auckland: closed now, whatever the time.
    DayOfWeek today = ZonedDateTime.now(ZoneId.of("Pacific/Auckland")).getDayOfWeek();
    sb.post(
        MENUS,
        Map.of(
            "number", "810",
            "hours",
                Map.of(
                    "timeZone", "Pacific/Auckland",
                    "days", List.of(today.plus(2).name(), today.plus(3).name()),
                    "open", "09:00",
                    "close", "17:00"),
            "afterHours", "menu:800"));
    Path heard = dir.resolve("after-hours.wav");
    try (CallCli caller =
        CallCli.start(
            dir,
            sb,
            "1001",
            "i.test",
            "sip:810@i.test",
            "--record",
            heard.toString(),
            "--seconds",
            "3")) {
      assertThat(caller.awaitExit(40)).as(caller.output()).isZero();
    }
    // Menu 800's uploaded greeting, not 810's own (the default tone).
    assertThat(Heard.millis(heard, GREETING_HZ)).as(Heard.describe(heard)).isGreaterThan(700);
    assertThat(Heard.millis(heard, 520)).as(Heard.describe(heard)).isLessThan(100);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void onAHolidayInTheTenantsZoneAMenuOpenAllWeekSendsCallersToAfterHours() throws Exception {
    // Open every day, nearly all day, in Auckland; today and tomorrow there are holidays.
    ZoneId zone = ZoneId.of("Pacific/Auckland");
    java.time.LocalDate today = ZonedDateTime.now(zone).toLocalDate();
    List<String> holidays = List.of(today.toString(), today.plusDays(1).toString());
    sb.post(
        MENUS,
        Map.of(
            "number", "811",
            "hours",
                Map.of(
                    "timeZone",
                    zone.getId(),
                    "days",
                    List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"),
                    "open",
                    "00:00",
                    "close",
                    "23:59",
                    "holidays",
                    holidays),
            "afterHours", "menu:800"));
    assertThat(sb.get(MENUS + "/811").get("hours").get("holidays"))
        .extracting(com.fasterxml.jackson.databind.JsonNode::asText)
        .containsExactlyElementsOf(holidays);
    Path heard = dir.resolve("holiday.wav");
    try (CallCli caller =
        CallCli.start(
            dir,
            sb,
            "1001",
            "i.test",
            "sip:811@i.test",
            "--record",
            heard.toString(),
            "--seconds",
            "3")) {
      assertThat(caller.awaitExit(40)).as(caller.output()).isZero();
    }
    // Menu 800's greeting (after hours), not 811's own default tone.
    assertThat(Heard.millis(heard, GREETING_HZ)).as(Heard.describe(heard)).isGreaterThan(700);
    assertThat(Heard.millis(heard, 520)).as(Heard.describe(heard)).isLessThan(100);

    HttpResponse<String> bad =
        sb.send(
            "PUT",
            MENUS + "/811",
            "application/json",
            ("{\"hours\":{\"timeZone\":\"UTC\",\"days\":[\"MON\"],\"open\":\"09:00\","
                    + "\"close\":\"17:00\",\"holidays\":[\"25.12.2026\"]},"
                    + "\"afterHours\":\"hangup\"}")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
    assertThat(bad.body()).contains("hours.holidays", "YYYY-MM-DD");
  }

  @Test
  void badMenusAreRefusedWithAReason() throws Exception {
    record Case(Map<String, Object> body, int status, String text) {}
    List<Case> cases =
        List.of(
            new Case(Map.of("number", "8x"), 400, "2 to 16 digits"),
            new Case(Map.of("number", "801", "keys", Map.of("x", "hangup")), 400, "0-9, * or #"),
            new Case(Map.of("number", "801", "keys", Map.of("1", "ring:1002")), 400, "unknown"),
            new Case(Map.of("number", "801", "retries", 99), 400, "retries"),
            new Case(Map.of("number", "801", "colour", "red"), 400, "colour"),
            new Case(
                Map.of(
                    "number", "801",
                    "hours",
                        Map.of(
                            "timeZone", "Mars/Olympus",
                            "days", List.of("MON"),
                            "open", "09:00",
                            "close", "17:00"),
                    "afterHours", "hangup"),
                400,
                "time zone"),
            new Case(
                Map.of(
                    "number",
                    "801",
                    "hours",
                    Map.of(
                        "timeZone",
                        "UTC",
                        "days",
                        List.of("MON"),
                        "open",
                        "09:00",
                        "close",
                        "17:00")),
                400,
                "afterHours"),
            new Case(Map.of("number", "800"), 409, "exists"));
    for (Case c : cases) {
      HttpResponse<String> r =
          sb.send(
              "POST",
              MENUS,
              "application/json",
              new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(c.body()));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(c.status());
      assertThat(r.body()).contains(c.text());
    }
    HttpResponse<String> notWav =
        sb.send(
            "PUT", MENUS + "/800/greeting", "audio/wav", "hello".getBytes(StandardCharsets.UTF_8));
    assertThat(notWav.statusCode()).as(notWav.body()).isEqualTo(400);
    assertThat(
            sb.send("GET", "/api/v1/tenants/nobody.test/ivr-menus", "text/plain", new byte[0])
                .statusCode())
        .isEqualTo(404);
    assertThat(sb.get(MENUS + "/800").get("number").asText()).isEqualTo("800");
  }
}
