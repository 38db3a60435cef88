package dev.switchboard.app.e2e;

import static dev.switchboard.app.e2e.Phones.assertOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.server.peers.KamailioPeer;
import dev.switchboard.server.sipp.Sipp;
import dev.switchboard.server.wire.SipProbe;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PBX in the real {@code serve} process: forwarding and do-not-disturb set through the API
 * reach call routing (database, change log, PBX directory), and the call log says how the call was
 * routed and who answered; feature codes (as the tenant admin set them) dialled from a phone change
 * the stored options.
 */
class PbxThroughServeTest {
  @TempDir Path dir;

  /**
   * A callee that answers only an INVITE carrying a Diversion from {@code user} for {@code why}.
   */
  private Path divertedFrom(String user, String why) throws Exception {
    String regex = "Diversion: &lt;sip:" + user + "@a\\.test&gt;;reason=" + why;
    return Switchboard.scenario(
        dir,
        "answer-diverted-" + user + "-" + why + ".xml",
        Files.readString(Switchboard.scenario(dir, "pbx-uas-answer-matching.xml"))
            .replace("@EXPECT@", regex));
  }

  /** 1001 calls {@code to}; 1003's phone, running {@code scenario}, must take the call. */
  private void callAnsweredBy1003(Switchboard sb, String to, Path scenario) throws Exception {
    try (Sipp.Running colleague = Phones.callee(dir, sb, "1003", "a.test", scenario)) {
      assertOk(
          Phones.caller(
                  dir,
                  sb.sipPort(),
                  Switchboard.scenario(dir, "proxy-uac-call.xml"),
                  "1001",
                  "a.test",
                  to,
                  "a.test")
              .run());
      assertOk(colleague.await());
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void forwardingAndDndSetThroughTheApiRouteCalls() throws Exception {
    try (Switchboard sb = Switchboard.start(dir.resolve("data"), 0)) {
      sb.tenant("a.test", "1001", "1002", "1003", "1004");
      String accounts = "/api/v1/tenants/a.test/accounts/";
      sb.patch(accounts + "1002", Map.of("options", Map.of("forwardUnregistered", "1003")));
      sb.patch(
          accounts + "1004",
          Map.of("options", Map.of("doNotDisturb", true, "forwardBusy", "1003")));
      Phones.register(
          dir, "127.0.0.1", sb.sipPort(), "1001", "a.test", Sipp.freePort(Sipp.Transport.UDP));

      // 1002 has no phone registered: its calls go to 1003.
      callAnsweredBy1003(sb, "1002", divertedFrom("1002", "unavailable"));
      JsonNode forwarded = sb.awaitCall("a.test", "1001", "1002");
      assertThat(forwarded.get("status").asInt()).isEqualTo(200);
      assertThat(forwarded.get("routing").asText()).isEqualTo("forwarded");
      assertThat(forwarded.get("answeredBy").asText()).isEqualTo("sip:1003@a.test");
      assertThat(forwarded.get("to").asText()).isEqualTo("sip:1002@a.test");

      // 1004 is in do-not-disturb: busy, which it forwards to 1003.
      callAnsweredBy1003(sb, "1004", divertedFrom("1004", "user-busy"));
      JsonNode dnd = sb.awaitCall("a.test", "1001", "1004");
      assertThat(dnd.get("routing").asText()).isEqualTo("forwarded");
      assertThat(dnd.get("answeredBy").asText()).isEqualTo("sip:1003@a.test");
    }
  }

  /**
   * Forwarding to another domain: 1002 forwards always to {@code sip:2001@b.test}, a phone
   * registered at a Kamailio peer; 1001's call to 1002 goes out through the route to Kamailio with
   * the Diversion, and 2001's phone answers it.
   */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void forwardingToAnOutsideDomainReachesAPhoneAtTheKamailioPeer() throws Exception {
    int port = Switchboard.freeSipPort();
    KamailioPeer.Settings settings =
        KamailioPeer.Settings.defaults().withPeer("a.test", "127.0.0.1", port);
    try (KamailioPeer kamailio = KamailioPeer.start(settings);
        Switchboard sb =
            Switchboard.start(
                dir.resolve("data"), port, "--route", "b.test=127.0.0.1:" + kamailio.port())) {
      sb.tenant("a.test", "1001", "1002");
      sb.patch(
          "/api/v1/tenants/a.test/accounts/1002",
          Map.of("options", Map.of("forwardUnconditional", "sip:2001@b.test")));
      Path answer = divertedFrom("1002", "unconditional");
      try (Sipp.Running atKamailio =
          Phones.callee(
              dir, "127.0.0.1", kamailio.port(), "2001", "b.test", settings.password(), answer)) {
        Sipp.Result call =
            Phones.caller(
                    dir,
                    port,
                    Switchboard.scenario(dir, "proxy-uac-call.xml"),
                    "1001",
                    "a.test",
                    "1002",
                    "a.test")
                .run();
        assertThat(call.allSucceeded()).as(call.describe() + kamailio.log()).isTrue();
        Sipp.Result answered = atKamailio.await();
        assertThat(answered.allSucceeded()).as(answered.describe() + kamailio.log()).isTrue();
      }
      JsonNode cdr = sb.awaitCall("a.test", "1001", "1002");
      assertThat(cdr.get("status").asInt()).as(cdr.toString()).isEqualTo(200);
      assertThat(cdr.get("routing").asText()).as(cdr.toString()).isEqualTo("forwarded");
      // Answered outside the tenant: no extension of ours took it.
      assertThat(cdr.path("answeredBy").isNull() || cdr.path("answeredBy").isMissingNode())
          .as(cdr.toString())
          .isTrue();
    }
  }

  /**
   * A hunt group and the dial plan made through the API: the group's number hunts past a busy
   * member to the next, bad input gets a 400 naming the field, and the dial plan reads back.
   */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aHuntGroupMadeThroughTheApiRoutesCalls() throws Exception {
    try (Switchboard sb = Switchboard.start(dir.resolve("data"), 0)) {
      sb.tenant("a.test", "1001", "1002", "1003");
      String groups = "/api/v1/tenants/a.test/groups";
      JsonNode made =
          sb.post(
              groups,
              Map.of(
                  "number", "600",
                  "name", "Sales",
                  "strategy", "in_order",
                  "members", java.util.List.of("1002", "1003"),
                  "memberRingSeconds", 10));
      assertThat(made.get("strategy").asText()).isEqualTo("in_order");
      assertThat(sb.get(groups + "/600").get("members").toString())
          .isEqualTo("[\"1002\",\"1003\"]");
      assertThatThrownBy(
              () ->
                  sb.post(
                      groups,
                      Map.of(
                          "number", "601",
                          "name", "Odd",
                          "strategy", "random",
                          "members", java.util.List.of("1002"))))
          .hasMessageContaining("400")
          .hasMessageContaining("strategy");
      assertThatThrownBy(
              () ->
                  sb.post(
                      groups,
                      Map.of(
                          "number", "1002",
                          "name", "Clash",
                          "strategy", "simultaneous",
                          "members", java.util.List.of("1003"))))
          .hasMessageContaining("number");

      JsonNode plan =
          sb.patch(
              "/api/v1/tenants/a.test/dial-plan",
              Map.of("countryCode", "86", "emergencyNumbers", java.util.List.of("110", "120")));
      assertThat(plan.get("countryCode").asText()).isEqualTo("86");
      assertThat(sb.get("/api/v1/tenants/a.test/dial-plan").get("emergencyNumbers").toString())
          .isEqualTo("[\"110\",\"120\"]");

      // 1002 is busy: the group hunts on to 1003, whose phone takes the call.
      Thread.sleep(1_000); // the SIP side follows the change log every 500 ms
      try (Sipp.Running busy =
          Phones.callee(
              dir, sb, "1002", "a.test", Switchboard.scenario(dir, "proxy-uas-busy.xml"))) {
        callAnsweredBy1003(sb, "600", Switchboard.scenario(dir, "proxy-uas-answer.xml"));
        assertOk(busy.await());
      }
      JsonNode cdr = sb.awaitCall("a.test", "1001", "600");
      assertThat(cdr.get("status").asInt()).isEqualTo(200);
      assertThat(cdr.get("routing").asText()).isEqualTo("group");
      assertThat(cdr.get("answeredBy").asText()).isEqualTo("sip:1003@a.test");
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void featureCodesDialledFromAPhoneChangeTheStoredOptions() throws Exception {
    try (Switchboard sb = Switchboard.start(dir.resolve("data"), 0)) {
      sb.tenant("a.test", "1001", "1002", "1003");
      String account = "/api/v1/tenants/a.test/accounts/1002";
      dialFeature(sb, "*78", "603 Do not disturb on");
      dialFeature(sb, "*721003", "603 Forward always to 1003");
      JsonNode options = sb.get(account).get("options");
      assertThat(options.get("doNotDisturb").asBoolean()).isTrue();
      assertThat(options.get("forwardUnconditional").asText()).isEqualTo("1003");

      // The tenant admin moves DND off to *12: the phones' next dial follows the change log.
      sb.patch("/api/v1/tenants/a.test/feature-codes", Map.of("dnd_off", "*12"));
      dialFeature(sb, "*12", "603 Do not disturb off");
      dialFeature(sb, "*73", "603 Forward always off");
      options = sb.get(account).get("options");
      assertThat(options.get("doNotDisturb").asBoolean()).isFalse();
      assertThat(
              options.path("forwardUnconditional").isNull()
                  || options.path("forwardUnconditional").isMissingNode())
          .as(options.toString())
          .isTrue();
    }
  }

  /** 1002 dials {@code code} with the CLI and is told {@code said}. */
  private void dialFeature(Switchboard sb, String code, String said) throws Exception {
    try (CallCli phone = CallCli.start(dir, sb, "1002", "a.test", "sip:" + code + "@a.test")) {
      // The CLI counts a 6xx as "any other refusal" (exit 1) and prints the reason phrase.
      assertThat(phone.awaitExit(30)).as(phone.output()).isEqualTo(1);
      assertThat(phone.output()).contains("call failed: " + said);
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aMessageToAnOfflineExtensionArrivesWhenItRegisters() throws Exception {
    try (Switchboard sb = Switchboard.start(dir.resolve("data"), 0);
        SipProbe sender = new SipProbe(sb.sipPort());
        SipProbe phone = new SipProbe(sb.sipPort())) {
      sb.tenant("a.test", "1001", "1002");
      String text = "back at 3, call me";
      String message =
          sender.request(
                  "MESSAGE",
                  "sip:1002@a.test",
                  "<sip:1001@a.test>;tag=" + SipProbe.token(),
                  "<sip:1002@a.test>",
                  "Content-Type: text/plain",
                  "Content-Length: " + text.length())
              + text;
      SipRequest sent = sender.sendAuthorized(message, "1001", Switchboard.password("1001"));
      assertThat(sent).isNotNull();
      SipResponse kept =
          sender.response(sent.callId(), sent.cseq().number(), Duration.ofSeconds(5));
      assertThat(kept).isNotNull();
      assertThat(kept.status()).isEqualTo(202);

      SipResponse registered =
          phone.register(
              "1002",
              Switchboard.password("1002"),
              "a.test",
              "<sip:1002@127.0.0.1:" + phone.port() + ">",
              300);
      assertThat(registered.status()).isEqualTo(200);
      SipRequest got = phone.awaitRequest("MESSAGE", Duration.ofSeconds(10));
      assertThat(got).isNotNull();
      assertThat(new String(got.body(), StandardCharsets.UTF_8)).isEqualTo(text);
      assertThat(got.from().uri().toString()).isEqualTo("sip:1001@a.test");
      phone.send(got.createResponse(200, null));
    }
  }
}
