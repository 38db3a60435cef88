package dev.switchboard.app.e2e;

import static dev.switchboard.app.e2e.Phones.assertOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.server.sipp.Sipp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Customer health from live SIP usage: a tenant's extensions register and call through the real
 * {@code serve} (SIPp phones), the weekly rollup reads the registrations and the CDR the server
 * wrote, and the tenant's signals and health score move exactly as computed by hand.
 */
class SuccessHealthFromSipTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void registrationsAndCallsRaiseTheTenantsHealth() throws Exception {
    try (Switchboard sb = Switchboard.start(dir.resolve("data"), 0)) {
      sb.tenant("health.test", "1001", "1002", "1004");
      sb.post(
          "/api/v1/tenants/health.test/accounts",
          Map.of(
              "user",
              "1003",
              "password",
              Switchboard.password("1003"),
              "options",
              Map.of("voicemail", true)));

      // Before any phone: 4 seats, nothing registered, no calls. Only "seats flat" (5) and "no open
      // complaints" (5) earn points, of 85 weighted without billing or survey data: 10/85 → 12.
      JsonNode quiet = sb.post("/api/v1/success/health/runs", Map.of("domain", "health.test"));
      assertThat(quiet.get("scores").get("scored").asInt()).isEqualTo(1);
      JsonNode before = sb.get("/api/v1/success/customers/health.test");
      assertThat(before.get("latest").get("score").asInt()).isEqualTo(12);
      assertThat(before.get("latest").get("band").asText()).isEqualTo("red");
      JsonNode week0 = last(before.get("usage"));
      assertThat(week0.get("seats").asInt()).isEqualTo(4);
      assertThat(week0.get("registeredSeats").asInt()).isZero();
      assertThat(week0.get("calls").asInt()).isZero();
      // Turning red opened a task for the owner.
      assertThat(sb.get("/api/v1/success/tasks?kind=health").get("items")).hasSize(1);

      Phones.register(
          dir, "127.0.0.1", sb.sipPort(), "1001", "health.test", Sipp.freePort(Sipp.Transport.UDP));
      try (Sipp.Running answer =
          Phones.callee(
              dir, sb, "1002", "health.test", Switchboard.scenario(dir, "proxy-uas-answer.xml"))) {
        assertOk(
            Phones.caller(
                    dir,
                    sb.sipPort(),
                    Switchboard.scenario(dir, "proxy-uac-call.xml"),
                    "1001",
                    "health.test",
                    "1002",
                    "health.test")
                .run());
        assertOk(answer.await());
      }
      sb.awaitCall("health.test", "1001", "1002");

      // The usage writer batches: roll up until both registrations and the call have landed.
      JsonNode[] after = new JsonNode[1];
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                sb.post("/api/v1/success/health/runs", Map.of("domain", "health.test"));
                after[0] = sb.get("/api/v1/success/customers/health.test");
                JsonNode w = last(after[0].get("usage"));
                return w.get("registeredSeats").asInt() == 2 && w.get("calls").asInt() == 1;
              });
      JsonNode week = last(after[0].get("usage"));
      assertThat(week.get("weekStart").asText()).isEqualTo(week0.get("weekStart").asText());
      assertThat(week.get("seats").asInt()).isEqualTo(4);
      assertThat(week.get("activeDays").asInt()).isEqualTo(1);
      // 1003 has voicemail and the tenant called this week: bit 1.
      assertThat(week.get("featuresUsed").asInt()).isEqualTo(1);
      assertThat(week.get("minutes").asInt()).isBetween(0, 1);

      // registration 2/4 → 10, active days 1/5 → 3, calls 1/4 per seat of 20 → 0.19, minutes ≤
      // 1/4 of 45 → ≤ 0.06, features 1/3 → 3.33, seats 5, complaints 5: 26.6 of 85 → 31.
      JsonNode latest = after[0].get("latest");
      assertThat(latest.get("score").asInt()).isEqualTo(31);
      assertThat(latest.get("band").asText()).isEqualTo("red");
      JsonNode points = latest.get("points");
      assertThat(points.get("registration").asDouble()).isEqualTo(11.76);
      assertThat(points.get("active_days").asDouble()).isEqualTo(3.53);
      assertThat(points.get("features").asDouble()).isEqualTo(3.92);
      assertThat(points.has("payment")).isFalse();
      // Still one health task: it was already red.
      assertThat(sb.get("/api/v1/success/tasks?kind=health").get("items")).hasSize(1);
    }
  }

  private static JsonNode last(JsonNode array) {
    return array.get(array.size() - 1);
  }
}
