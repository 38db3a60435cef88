package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.server.sipp.Sipp;
import java.net.http.HttpResponse;
import java.nio.file.Files;
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
 * Group queues on a running {@code serve}: {@code switchboard call} callers dial a group whose
 * queue is enabled; the server answers them and they hear the default hold music (C5, E5, G5) while
 * no member answers; a member ({@code switchboard call --answer}) who registers later is rung and
 * bridged (each hears the other's tone); two callers are served in arrival order; a caller who
 * waited too long goes to the group's final destination (an unregistered extension: its voicemail);
 * a full queue answers 486 Queue Full.
 */
class GroupQueueTest {
  private static final String GROUPS = "/api/v1/tenants/q.test/groups";
  private static final double C5 = 523.25;
  private static final double E5 = 659.25;

  @TempDir static Path dir;
  private static Switchboard sb;

  @BeforeAll
  static void serve() throws Exception {
    sb = Switchboard.start(dir.resolve("data"), 0, "--digest-challenge-order", "md5-only");
    sb.tenant("q.test", "1001", "1002", "1003", "1004", "1005");
    sb.post(
        "/api/v1/tenants/q.test/accounts",
        Map.of(
            "user",
            "1009",
            "password",
            Switchboard.password("1009"),
            "options",
            Map.of("voicemail", true)));
    JsonNode sales = sb.post(GROUPS, group("600", "1002", null, 60, 2));
    assertThat(sales.get("queue").get("enabled").asBoolean()).isTrue();
    assertThat(sales.get("queue").get("maxWaitSeconds").asInt()).isEqualTo(60);
    sb.post(GROUPS, group("610", "1003", "1009", 6, 5));
    sb.post(GROUPS, group("620", "1003", null, 30, 1));
    sb.post(GROUPS, group("650", "1005", null, 30, 5));
    // A group without the field has no queue.
    JsonNode plain =
        sb.post(
            GROUPS,
            Map.of(
                "number",
                "630",
                "name",
                "Plain",
                "strategy",
                "simultaneous",
                "members",
                List.of("1003")));
    assertThat(plain.get("queue").get("enabled").asBoolean()).isFalse();
  }

  private static Map<String, Object> group(
      String number, String member, String fallback, int maxWait, int maxCallers) {
    Map<String, Object> g = new java.util.HashMap<>();
    g.put("number", number);
    g.put("name", "Queue " + number);
    g.put("strategy", "simultaneous");
    g.put("members", List.of(member));
    g.put("memberRingSeconds", 10);
    g.put("totalRingSeconds", 20);
    if (fallback != null) {
      g.put("finalDestination", fallback);
    }
    g.put("queue", Map.of("enabled", true, "maxWaitSeconds", maxWait, "maxCallers", maxCallers));
    return g;
  }

  @AfterAll
  static void stop() {
    if (sb != null) {
      sb.close();
    }
  }

  /** {@code user} calls group {@code number}, plays {@code hz}, records and stays {@code s}. */
  private static CallCli caller(String user, String number, double hz, Path record, int s)
      throws Exception {
    return CallCli.start(
        dir,
        sb,
        user,
        "q.test",
        "sip:" + number + "@q.test",
        "--tone",
        Double.toString(hz),
        "--record",
        record.toString(),
        "--seconds",
        Integer.toString(s));
  }

  /** A member that answers one call with 1200 Hz, records and hangs up after {@code s}. */
  private static CallCli member(String user, Path record, int s) throws Exception {
    CallCli m =
        CallCli.start(
            dir,
            sb,
            user,
            "q.test",
            "--answer",
            "--wait",
            "40",
            "--tone",
            "1200",
            "--record",
            record.toString(),
            "--seconds",
            Integer.toString(s));
    m.await("waiting for a call", 20);
    return m;
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aCallerHearsHoldMusicUntilAMemberAnswersThenTheyHearEachOther() throws Exception {
    Path callerHeard = dir.resolve("caller.wav");
    Path memberHeard = dir.resolve("member.wav");
    try (CallCli caller = caller("1001", "600", 700, callerHeard, 30)) {
      caller.await("answered", 20);
      Thread.sleep(4_000); // nobody to ring yet: the caller waits with the music
      try (CallCli member = member("1002", memberHeard, 4)) {
        assertThat(member.awaitExit(40)).as(member.output()).isZero();
        assertThat(member.output()).contains("incoming call from sip:1001@queue.invalid");
      }
      // The member hung up: the queue hangs up the caller too.
      assertThat(caller.awaitExit(40)).as(caller.output()).isZero();
      assertThat(caller.output()).contains("the other side hung up");
    }
    String heard = Heard.describe(callerHeard);
    assertThat(Heard.millis(callerHeard, C5, 0, 4_000)).as(heard).isGreaterThan(600);
    assertThat(Heard.millis(callerHeard, E5, 0, 4_000)).as(heard).isGreaterThan(600);
    assertThat(Heard.millis(callerHeard, 1200)).as(heard).isGreaterThan(2_500);
    String memberSays = Heard.describe(memberHeard);
    assertThat(Heard.millis(memberHeard, 700)).as(memberSays).isGreaterThan(2_500);
    assertThat(Heard.millis(memberHeard, C5)).as(memberSays).isLessThan(100);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void twoCallersAreServedInTheOrderTheyCame() throws Exception {
    Path firstHeard = dir.resolve("first-member.wav");
    Path secondHeard = dir.resolve("second-member.wav");
    try (CallCli first = caller("1001", "600", 700, dir.resolve("first.wav"), 40)) {
      first.await("answered", 20);
      try (CallCli second = caller("1004", "600", 900, dir.resolve("second.wav"), 40)) {
        second.await("answered", 20);
        try (CallCli member = member("1002", firstHeard, 3)) {
          assertThat(member.awaitExit(40)).as(member.output()).isZero();
          assertThat(member.output()).contains("incoming call from sip:1001@queue.invalid");
        }
        assertThat(first.awaitExit(20)).as(first.output()).isZero();
        try (CallCli member = member("1002", secondHeard, 3)) {
          assertThat(member.awaitExit(40)).as(member.output()).isZero();
          assertThat(member.output()).contains("incoming call from sip:1004@queue.invalid");
        }
        assertThat(second.awaitExit(20)).as(second.output()).isZero();
        assertThat(second.output()).contains("the other side hung up");
      }
    }
    assertThat(Heard.millis(firstHeard, 700)).as(Heard.describe(firstHeard)).isGreaterThan(1_500);
    assertThat(Heard.millis(firstHeard, 900)).as(Heard.describe(firstHeard)).isLessThan(100);
    assertThat(Heard.millis(secondHeard, 900)).as(Heard.describe(secondHeard)).isGreaterThan(1_500);
    assertThat(Heard.millis(secondHeard, 700)).as(Heard.describe(secondHeard)).isLessThan(100);
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aCallerWhoWaitedTooLongGoesToTheGroupsFinalDestination() throws Exception {
    String box = "/api/v1/tenants/q.test/accounts/1009/voicemail";
    Path heard = dir.resolve("fallback.wav");
    // 610 waits 6 s for 1003, who never registers; then 1009's voicemail takes the caller.
    try (CallCli caller = caller("1001", "610", 700, heard, 16)) {
      assertThat(caller.awaitExit(40)).as(caller.output()).isZero();
    }
    assertThat(Heard.millis(heard, C5, 0, 5_500)).as(Heard.describe(heard)).isGreaterThan(600);
    JsonNode message =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> sb.get(box).get("items"), items -> items.size() == 1)
            .get(0);
    Path audio = dir.resolve("left.wav");
    Files.write(audio, sb.bytes(box + "/" + message.get("id").asText()));
    assertThat(Heard.millis(audio, 700)).as(Heard.describe(audio)).isGreaterThan(2_000);
    assertThat(Heard.millis(audio, C5)).as(Heard.describe(audio)).isLessThan(100);
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aFullQueueAnswersBusyWithAReasonAndALeaverMakesRoom() throws Exception {
    // Long enough for the second caller's JVM to start and call on a busy machine.
    try (CallCli waiting = caller("1001", "620", 700, dir.resolve("waiting.wav"), 20)) {
      waiting.await("answered", 20);
      try (CallCli refused = caller("1004", "620", 900, dir.resolve("refused.wav"), 5)) {
        assertThat(refused.awaitExit(20)).as(refused.output()).isEqualTo(4);
        assertThat(refused.output()).contains("486 Queue Full");
      }
      // The first caller hangs up after 20 s: it leaves the queue, and there is room again.
      assertThat(waiting.awaitExit(40)).as(waiting.output()).isZero();
      assertThat(waiting.output()).contains("hung up");
    }
    try (CallCli next = caller("1004", "620", 900, dir.resolve("next.wav"), 2)) {
      assertThat(next.awaitExit(20)).as(next.output()).isZero();
      assertThat(Heard.millis(dir.resolve("next.wav"), C5)).isGreaterThan(200);
    }
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aCallerWhoHangsUpWhileAMemberRingsCancelsTheRinging() throws Exception {
    // 1005 is a SIPp phone that rings (180) until it is cancelled, and wants the CANCEL.
    try (Sipp.Running ringing =
        Phones.callee(
            dir, sb, "1005", "q.test", Switchboard.scenario(dir, "proxy-uas-cancelled.xml"))) {
      long answered;
      try (CallCli caller = caller("1001", "650", 700, dir.resolve("gave-up.wav"), 4)) {
        caller.await("answered", 20);
        answered = System.nanoTime();
        assertThat(caller.awaitExit(20)).as(caller.output()).isZero();
        assertThat(caller.output()).contains("hung up");
      }
      Phones.assertOk(ringing.await());
      // Cancelled when the caller left (4 s), not at the member's ring time (10 s).
      assertThat((System.nanoTime() - answered) / 1_000_000).isLessThan(9_000);
    }
  }

  @Test
  void badQueuesAreRefusedWithAReason() throws Exception {
    record Case(Object queue, String text) {}
    List<Case> cases =
        List.of(
            new Case(Map.of("maxWaitSeconds", 2), "queue.maxWaitSeconds"),
            new Case(Map.of("maxWaitSeconds", 99_999), "queue.maxWaitSeconds"),
            new Case(Map.of("maxCallers", 0), "queue.maxCallers"),
            new Case(Map.of("maxCallers", "ten"), "queue.maxCallers"),
            new Case(Map.of("enabled", "yes"), "queue.enabled"),
            new Case(Map.of("priority", 1), "queue.priority"),
            new Case(List.of(1), "queue"));
    ObjectMapper json = new ObjectMapper();
    for (Case c : cases) {
      Map<String, Object> body =
          Map.of(
              "number",
              "640",
              "name",
              "Bad",
              "strategy",
              "simultaneous",
              "members",
              List.of("1003"),
              "queue",
              c.queue());
      HttpResponse<String> r =
          sb.send("POST", GROUPS, "application/json", json.writeValueAsBytes(body));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
      assertThat(r.body()).as(c.toString()).contains(c.text());
    }
    assertThat(sb.send("GET", GROUPS + "/640", "text/plain", new byte[0]).statusCode())
        .isEqualTo(404);
  }
}
