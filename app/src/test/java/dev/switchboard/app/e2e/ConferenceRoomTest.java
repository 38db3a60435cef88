package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.server.peers.BaresipPeer;
import dev.switchboard.server.peers.BaresipPeer.Account;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conference rooms on a running {@code serve}: two {@code switchboard call}s and a baresip in one
 * room each play their own tone and record; each hears the two others and not itself, and the API
 * lists the three. A room with a PIN refuses a wrong one and seats the right one; {@code *} mutes.
 */
class ConferenceRoomTest {
  private static final String ROOMS = "/api/v1/tenants/k.test/conference-rooms";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir static Path dir;
  private static Switchboard sb;

  @BeforeAll
  static void serve() throws Exception {
    sb = Switchboard.start(dir.resolve("data"), 0, "--digest-challenge-order", "md5-only");
    sb.tenant("k.test", "1001", "1002", "1003");
    JsonNode open = sb.post(ROOMS, Map.of("number", "900", "name", "All hands"));
    assertThat(open.get("hasPin").asBoolean()).isFalse();
    JsonNode locked = sb.post(ROOMS, Map.of("number", "901", "pin", "2468"));
    assertThat(locked.get("hasPin").asBoolean()).isTrue();
    assertThat(locked.has("pin")).isFalse();
  }

  @AfterAll
  static void stop() {
    if (sb != null) {
      sb.close();
    }
  }

  private static CallCli member(String user, String room, int hz, Path record, String... more)
      throws Exception {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "sip:" + room + "@k.test",
                "--tone",
                Integer.toString(hz),
                "--record",
                record.toString()));
    args.addAll(List.of(more));
    return CallCli.start(dir, sb, user, "k.test", args.toArray(String[]::new));
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void threeParticipantsEachHearTheTwoOthersAndNotThemselves() throws Exception {
    Path a = dir.resolve("a.wav");
    Path b = dir.resolve("b.wav");
    List<Path> baresipHeard;
    try (BaresipPeer c =
        BaresipPeer.start(
            Account.registered(
                "1003", "k.test", Switchboard.password("1003"), "127.0.0.1", sb.sipPort(), false),
            1700,
            true)) {
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> assertThat(sb.aors("k.test")).as(c.output()).contains("sip:1003@k.test"));
      try (CallCli ca = member("1001", "900", 500, a, "--seconds", "12");
          CallCli cb = member("1002", "900", 900, b, "--seconds", "11")) {
        c.dial("sip:900@k.test");
        await()
            .atMost(WAIT)
            .untilAsserted(
                () ->
                    assertThat(sb.get(ROOMS + "/900").get("participants"))
                        .extracting(p -> p.get("caller").asText())
                        .containsExactlyInAnyOrder(
                            "sip:1001@k.test", "sip:1002@k.test", "sip:1003@k.test"));
        assertThat(sb.get(ROOMS).get("items").get(0).get("participants")).hasSize(3);
        assertThat(ca.awaitExit(40)).as(ca.output()).isZero();
        assertThat(cb.awaitExit(40)).as(cb.output()).isZero();
        c.hangup();
        c.awaitOutput(WAIT, "session closed", "terminated (duration");
      }
      baresipHeard = c.keepHeard(dir.resolve("c-heard"));
    }
    Path c = baresipHeard.get(baresipHeard.size() - 1);
    assertThat(Heard.millis(a, 900)).as(Heard.describe(a)).isGreaterThan(2000);
    assertThat(Heard.millis(a, 1700)).as(Heard.describe(a)).isGreaterThan(2000);
    assertThat(Heard.millis(a, 500)).as(Heard.describe(a)).isLessThan(100);
    assertThat(Heard.millis(b, 500)).as(Heard.describe(b)).isGreaterThan(2000);
    assertThat(Heard.millis(b, 1700)).as(Heard.describe(b)).isGreaterThan(2000);
    assertThat(Heard.millis(b, 900)).as(Heard.describe(b)).isLessThan(100);
    assertThat(Heard.millis(c, 500)).as(Heard.describe(c)).isGreaterThan(2000);
    assertThat(Heard.millis(c, 900)).as(Heard.describe(c)).isGreaterThan(2000);
    assertThat(Heard.millis(c, 1700)).as(Heard.describe(c)).isLessThan(100);
    // Everyone gone: the room is empty again.
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(sb.get(ROOMS + "/900").get("participants")).isEmpty());
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aPinGuardsTheRoomAndStarMutes() throws Exception {
    Path a = dir.resolve("pin-a.wav");
    Path b = dir.resolve("pin-b.wav");
    // 1001 keys the PIN and listens 12 s. 1002 keys a wrong PIN (the error tone), then the right
    // one, stays 3 s, presses * and stays muted until it hangs up.
    try (CallCli ca = member("1001", "901", 500, a, "--dtmf", "2468#", "--seconds", "12");
        CallCli cb =
            member("1002", "901", 900, b, "--dtmf", "1111#,,2468#,,,*", "--seconds", "11")) {
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(sb.get(ROOMS + "/901").get("participants"))
                      .anySatisfy(
                          p -> {
                            assertThat(p.get("caller").asText()).isEqualTo("sip:1002@k.test");
                            assertThat(p.get("muted").asBoolean()).isTrue();
                          }));
      assertThat(ca.awaitExit(40)).as(ca.output()).isZero();
      assertThat(cb.awaitExit(40)).as(cb.output()).isZero();
    }
    // 1002 was heard from joining (about 4 s in) until * (about 7 s in), not for its 11 s.
    assertThat(Heard.millis(a, 900)).as(Heard.describe(a)).isBetween(1500L, 4500L);
    assertThat(Heard.millis(b, 500)).as(Heard.describe(b)).isGreaterThan(4000);
    assertThat(Heard.millis(b, 300))
        .as("the wrong-PIN tone " + Heard.describe(b))
        .isGreaterThan(300);
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void othersWaitOnHoldUntilTheModeratorJoinsWithTheModeratorPin() throws Exception {
    JsonNode room =
        sb.post(
            ROOMS,
            Map.of(
                "number", "903", "pin", "2468", "moderatorPin", "9753", "waitForModerator", true));
    assertThat(room.get("hasModeratorPin").asBoolean()).isTrue();
    assertThat(room.get("waitForModerator").asBoolean()).isTrue();
    assertThat(room.has("moderatorPin")).isFalse();
    Path a = dir.resolve("wait-a.wav");
    Path b = dir.resolve("wait-b.wav");
    // 1001 keys the room's PIN at once and waits; 1002 keys the moderator PIN about 6 s later.
    try (CallCli ca = member("1001", "903", 500, a, "--dtmf", "2468#", "--seconds", "14");
        CallCli cb = member("1002", "903", 900, b, "--dtmf", ",,,,,,9753#", "--seconds", "13")) {
      assertThat(ca.awaitExit(40)).as(ca.output()).isZero();
      assertThat(cb.awaitExit(40)).as(cb.output()).isZero();
    }
    // 1001 heard the hold tone (half of the time it waited) and then the moderator.
    assertThat(Heard.millis(a, 440)).as(Heard.describe(a)).isGreaterThan(1_500);
    assertThat(Heard.millis(a, 900)).as(Heard.describe(a)).isGreaterThan(2_000);
    // The moderator heard 1001 and no hold tone.
    assertThat(Heard.millis(b, 500)).as(Heard.describe(b)).isGreaterThan(2_000);
    assertThat(Heard.millis(b, 440)).as(Heard.describe(b)).isLessThan(100);
  }

  @Test
  void badRoomsAreRefusedWithAReason() throws Exception {
    ObjectMapper json = new ObjectMapper();
    record Case(Map<String, Object> body, int status, String text) {}
    for (Case c :
        List.of(
            new Case(Map.of("number", "9"), 400, "2 to 16 digits"),
            new Case(Map.of("number", "902", "pin", "12"), 400, "PIN"),
            new Case(Map.of("number", "902", "pin", 1234), 400, "pin"),
            new Case(Map.of("number", "902", "waitForModerator", true), 400, "moderatorPin"),
            new Case(
                Map.of("number", "902", "pin", "1234", "moderatorPin", "1234"), 400, "must differ"),
            new Case(Map.of("number", "900"), 409, "exists"))) {
      HttpResponse<String> r =
          sb.send("POST", ROOMS, "application/json", json.writeValueAsBytes(c.body()));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(c.status());
      assertThat(r.body()).contains(c.text());
    }
    assertThat(sb.delete(ROOMS + "/999")).isEqualTo(404);
  }

  @Test
  void aPatchChangesOnlyWhatItNamesAndKeepsTheStoredPin() throws Exception {
    sb.post(ROOMS, Map.of("number", "904", "name", "Ops", "pin", "1357"));
    JsonNode renamed = sb.patch(ROOMS + "/904", Map.of("name", "Ops B"));
    assertThat(renamed.get("name").asText()).isEqualTo("Ops B");
    assertThat(renamed.get("hasPin").asBoolean()).isTrue();
    ObjectMapper json = new ObjectMapper();
    // The kept PIN is known only by its hash, and still the moderator PIN may not repeat it.
    HttpResponse<String> same =
        sb.send(
            "PATCH",
            ROOMS + "/904",
            "application/json",
            json.writeValueAsBytes(Map.of("moderatorPin", "1357")));
    assertThat(same.statusCode()).as(same.body()).isEqualTo(400);
    assertThat(same.body()).contains("must differ", "moderatorPin");
    java.util.Map<String, Object> open = new java.util.HashMap<>();
    open.put("pin", null);
    assertThat(sb.patch(ROOMS + "/904", open).get("hasPin").asBoolean()).isFalse();
    HttpResponse<String> none =
        sb.send("PATCH", ROOMS + "/999", "application/json", "{}".getBytes());
    assertThat(none.statusCode()).isEqualTo(404);
  }
}
