package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.server.wire.SipProbe;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Message waiting (RFC 3842) on a running {@code serve}: the owner's phone subscribes to {@code
 * message-summary} for its own extension and is notified on every mailbox change — a message left
 * by {@code switchboard call}, saved by the owner's DTMF menu, deleted over the API — while another
 * extension may not watch that mailbox.
 */
class MessageWaitingTest {
  @TempDir Path dir;
  private long lastCseq;

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void theOwnersPhoneIsToldOfEveryMailboxChange() throws Exception {
    try (Switchboard sb =
            Switchboard.start(dir.resolve("data"), 0, "--digest-challenge-order", "md5-only");
        SipProbe phone = new SipProbe(sb.sipPort());
        SipProbe other = new SipProbe(sb.sipPort())) {
      sb.tenant("w.test", "1001");
      sb.post(
          "/api/v1/tenants/w.test/accounts",
          Map.of(
              "user",
              "4002",
              "password",
              Switchboard.password("4002"),
              "options",
              Map.of("voicemail", true)));

      // The PBX directory learns of a new extension within its poll: until then 480.
      SipRequest sent;
      SipResponse ok;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      do {
        Thread.sleep(500);
        sent = phone.sendAuthorized(subscribe(phone, "4002"), "4002", Switchboard.password("4002"));
        assertThat(sent).isNotNull();
        ok = phone.response(sent.callId(), sent.cseq().number(), Duration.ofSeconds(5));
      } while (ok.status() == 480 && System.nanoTime() < deadline);
      assertThat(ok.status()).isEqualTo(200);
      SipRequest first = summary(phone, sent.callId(), "no", "0/0");
      assertThat(first.header("Event")).isEqualTo("message-summary");
      assertThat(first.contentType()).startsWith("application/simple-message-summary");
      assertThat(body(first)).contains("Message-Account: sip:4002@w.test");

      // A caller leaves a message (nobody registered 4002): the lamp goes on.
      try (CallCli caller =
          CallCli.start(
              dir, sb, "1001", "w.test", "sip:4002@w.test", "--tone", "700", "--seconds", "3")) {
        assertThat(caller.awaitExit(40)).as(caller.output()).isZero();
      }
      summary(phone, sent.callId(), "yes", "1/0");

      // The owner saves it by phone (9): no longer new, the lamp goes off, one old message.
      try (CallCli owner =
          CallCli.start(
              dir, sb, "4002", "w.test", "sip:voicemail@w.test", "--dtmf", "9", "--seconds", "4")) {
        assertThat(owner.awaitExit(40)).as(owner.output()).isZero();
      }
      summary(phone, sent.callId(), "no", "0/1");

      // Deleted over the API: nothing left.
      String box = "/api/v1/tenants/w.test/accounts/4002/voicemail";
      JsonNode items = sb.get(box).get("items");
      assertThat(items).hasSize(1);
      assertThat(sb.delete(box + "/" + items.get(0).get("id").asText())).isEqualTo(204);
      summary(phone, sent.callId(), "no", "0/0");

      // Another extension of the tenant may not watch 4002's mailbox.
      SipRequest snoop =
          other.sendAuthorized(subscribe(other, "1001"), "1001", Switchboard.password("1001"));
      assertThat(
              other.response(snoop.callId(), snoop.cseq().number(), Duration.ofSeconds(5)).status())
          .isEqualTo(403);
    }
  }

  /** A SUBSCRIBE from {@code user} to 4002's message summary. */
  private static String subscribe(SipProbe probe, String user) {
    return probe.request(
        "SUBSCRIBE",
        "sip:4002@w.test",
        "<sip:" + user + "@w.test>;tag=m" + SipProbe.token(),
        "<sip:4002@w.test>",
        "Event: message-summary",
        "Accept: application/simple-message-summary",
        "Expires: 600",
        "Content-Length: 0");
  }

  /** The next NOTIFY saying {@code waiting} with {@code counts} (new/old), answered 200. */
  private SipRequest summary(SipProbe phone, String callId, String waiting, String counts) {
    SipProbe.Received r =
        phone.await(
            m ->
                m instanceof SipRequest q
                    && q.isMethod("NOTIFY")
                    && q.callId().equals(callId)
                    && q.cseq().number() > lastCseq
                    && body(q).contains("Messages-Waiting: " + waiting)
                    && body(q).contains("Voice-Message: " + counts),
            Duration.ofSeconds(10));
    assertThat(r).as("NOTIFY Messages-Waiting: " + waiting + ", " + counts).isNotNull();
    SipRequest n = (SipRequest) r.message();
    lastCseq = n.cseq().number();
    phone.send(n.createResponse(200, null));
    return n;
  }

  private static String body(SipRequest r) {
    return r.body() == null ? "" : new String(r.body(), StandardCharsets.UTF_8);
  }
}
