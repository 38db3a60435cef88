package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Voicemail by e-mail from a running {@code serve}: a caller ({@code switchboard call}) leaves its
 * tone for an extension whose mailbox has an address; GreenMail receives the e-mail and the WAV
 * attached to it, decoded, holds that tone. With the SMTP server down the message is still kept and
 * the failure is counted.
 */
class VoicemailEmailTest {
  @TempDir Path dir;
  private Switchboard sb;
  private GreenMail mail;

  @AfterEach
  void stop() {
    if (sb != null) {
      sb.close();
    }
    if (mail != null) {
      mail.stop();
    }
  }

  private void serve(int smtpPort) throws Exception {
    sb =
        Switchboard.start(
            dir.resolve("data"),
            0,
            "--digest-challenge-order",
            "md5-only",
            "--smtp-host",
            "127.0.0.1",
            "--smtp-port",
            Integer.toString(smtpPort),
            "--smtp-from",
            "voicemail@e.test");
    sb.tenant("e.test", "1001");
    sb.post(
        "/api/v1/tenants/e.test/accounts",
        Map.of(
            "user",
            "1002",
            "password",
            Switchboard.password("1002"),
            "options",
            Map.of("voicemail", true)));
    assertThat(
            sb.put(
                "/api/v1/tenants/e.test/accounts/1002/voicemail-settings",
                Map.of("email", "owner@example.com")))
        .isEqualTo(200);
    assertThat(
            sb.get("/api/v1/tenants/e.test/accounts/1002/voicemail-settings").get("email").asText())
        .isEqualTo("owner@example.com");
  }

  private void leaveTone(double hz) throws Exception {
    try (CallCli caller =
        CallCli.start(
            dir,
            sb,
            "1001",
            "e.test",
            "sip:1002@e.test",
            "--tone",
            Integer.toString((int) hz),
            "--seconds",
            "5")) {
      assertThat(caller.awaitExit(40)).as(caller.output()).isZero();
    }
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aNewMessageIsEmailedWithItsRecordingAttached() throws Exception {
    mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    mail.start();
    serve(mail.getSmtp().getPort());

    leaveTone(700);

    assertThat(mail.waitForIncomingEmail(20_000, 1)).isTrue();
    MimeMessage m = mail.getReceivedMessages()[0];
    assertThat(m.getRecipients(Message.RecipientType.TO)[0].toString())
        .isEqualTo("owner@example.com");
    assertThat(m.getFrom()[0].toString()).isEqualTo("voicemail@e.test");
    assertThat(m.getSubject()).contains("1002", "sip:1001@e.test");
    Path attached = dir.resolve("attached.wav");
    Multipart parts = (Multipart) m.getContent();
    boolean found = false;
    for (int i = 0; i < parts.getCount(); i++) {
      Part p = parts.getBodyPart(i);
      if (Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition())) {
        assertThat(p.getContentType()).startsWith("audio/wav");
        try (InputStream in = p.getInputStream()) {
          Files.copy(in, attached);
        }
        found = true;
      }
    }
    assertThat(found).as("an attachment").isTrue();
    assertThat(Heard.share(attached, 700)).as(Heard.describe(attached)).isGreaterThan(0.6);
    // The attachment is the stored message, byte for byte.
    JsonNode stored = sb.get("/api/v1/tenants/e.test/accounts/1002/voicemail").get("items").get(0);
    assertThat(attached)
        .hasBinaryContent(
            sb.bytes(
                "/api/v1/tenants/e.test/accounts/1002/voicemail/" + stored.get("id").asText()));
    assertThat(sb.metrics()).contains("switchboard_voicemail_emails_sent_total 1\n");
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aFailingSmtpServerLosesNoMessageAndTheFailureIsCounted() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort(); // nobody listens there once it is closed: connection refused
    }
    serve(closed);

    leaveTone(700);

    JsonNode items = awaitItems(1);
    Path kept = dir.resolve("kept.wav");
    Files.write(
        kept,
        sb.bytes(
            "/api/v1/tenants/e.test/accounts/1002/voicemail/" + items.get(0).get("id").asText()));
    assertThat(Heard.share(kept, 700)).as(Heard.describe(kept)).isGreaterThan(0.6);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!sb.metrics().contains("switchboard_voicemail_emails_failed_total 1\n")
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(sb.metrics())
        .contains(
            "switchboard_voicemail_emails_failed_total 1\n",
            "switchboard_voicemail_emails_sent_total 0\n");
    // Bad input: an address that is not one is refused with a JSON error, the old one stays.
    var bad =
        sb.send(
            "PUT",
            "/api/v1/tenants/e.test/accounts/1002/voicemail-settings",
            "application/json",
            "{\"email\":\"x@y.z\\r\\nRCPT TO:<a@b.c>\"}".getBytes());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("\"field\":\"email\"");
    assertThat(
            sb.get("/api/v1/tenants/e.test/accounts/1002/voicemail-settings").get("email").asText())
        .isEqualTo("owner@example.com");
  }

  private JsonNode awaitItems(int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      JsonNode items = sb.get("/api/v1/tenants/e.test/accounts/1002/voicemail").get("items");
      if (items.size() >= count || System.nanoTime() > deadline) {
        assertThat(items).hasSize(count);
        return items;
      }
      Thread.sleep(200);
    }
  }
}
