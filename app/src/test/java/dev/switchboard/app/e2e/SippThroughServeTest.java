package dev.switchboard.app.e2e;

import static dev.switchboard.app.e2e.Phones.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.server.sipp.Sipp;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIPp phones against the real {@code serve} process: digest REGISTER, then calls through the proxy
 * to registered callees (answer, cancel, busy, unknown user), checked in the API's call log.
 */
class SippThroughServeTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void registeredPhonesCallThroughTheProxyAndEveryOutcomeIsInTheCallLog() throws Exception {
    try (Switchboard sb = Switchboard.start(dir.resolve("data"), 0)) {
      sb.tenant("a.test", "1001", "1002", "1003", "1004");
      Phones.register(
          dir, "127.0.0.1", sb.sipPort(), "1001", "a.test", Sipp.freePort(Sipp.Transport.UDP));
      try (Sipp.Running answer =
              Phones.callee(
                  dir, sb, "1002", "a.test", Switchboard.scenario(dir, "proxy-uas-answer.xml"));
          Sipp.Running cancelled =
              Phones.callee(
                  dir, sb, "1003", "a.test", Switchboard.scenario(dir, "proxy-uas-cancelled.xml"));
          Sipp.Running busy =
              Phones.callee(
                  dir, sb, "1004", "a.test", Switchboard.scenario(dir, "proxy-uas-busy.xml"))) {
        assertThat(sb.aors("a.test"))
            .containsExactlyInAnyOrder(
                "sip:1001@a.test", "sip:1002@a.test", "sip:1003@a.test", "sip:1004@a.test");

        int port = sb.sipPort();
        assertOk(
            Phones.caller(
                    dir,
                    port,
                    Switchboard.scenario(dir, "proxy-uac-call.xml"),
                    "1001",
                    "a.test",
                    "1002",
                    "a.test")
                .run());
        assertOk(answer.await());
        assertOk(
            Phones.caller(
                    dir,
                    port,
                    Switchboard.scenario(dir, "proxy-uac-cancel.xml"),
                    "1001",
                    "a.test",
                    "1003",
                    "a.test")
                .run());
        assertOk(cancelled.await());
        assertOk(
            Phones.caller(
                    dir, port, Phones.failScenario(dir, 486), "1001", "a.test", "1004", "a.test")
                .run());
        assertOk(busy.await());
        assertOk(
            Phones.caller(
                    dir, port, Phones.failScenario(dir, 404), "1001", "a.test", "1099", "a.test")
                .run());
      }

      JsonNode answered = sb.awaitCall("a.test", "1001", "1002");
      assertThat(answered.get("status").asInt()).isEqualTo(200);
      assertThat(answered.get("answerTime").isNull()).isFalse();
      assertThat(answered.get("endedBy").asText()).isEqualToIgnoringCase("caller");
      assertThat(answered.get("direction").asText()).isEqualToIgnoringCase("internal");
      assertThat(answered.get("durationSeconds").asLong()).isGreaterThanOrEqualTo(0);

      JsonNode cancel = sb.awaitCall("a.test", "1001", "1003");
      assertThat(cancel.get("status").asInt()).isEqualTo(487);
      assertThat(cancel.get("answerTime").isNull()).isTrue();
      assertThat(cancel.get("endedBy").asText()).isEqualToIgnoringCase("caller");

      JsonNode busy = sb.awaitCall("a.test", "1001", "1004");
      assertThat(busy.get("status").asInt()).isEqualTo(486);
      assertThat(busy.get("answerTime").isNull()).isTrue();

      JsonNode unknown = sb.awaitCall("a.test", "1001", "1099");
      assertThat(unknown.get("status").asInt()).isEqualTo(404);
    }
  }
}
