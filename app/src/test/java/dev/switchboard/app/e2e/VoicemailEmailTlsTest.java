package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.switchboard.app.ServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Voicemail e-mail over TLS from a running {@code serve}: GreenMail's SMTPS (implicit TLS) with a
 * certificate for 127.0.0.1 that keytool made, trusted through {@code --smtp-ca-file}, takes the
 * message after a login with {@code --smtp-user} and a password file. A wrong password, GreenMail's
 * own self-signed certificate (not trusted by default) and STARTTLS to a server that does not offer
 * it each fail the e-mail: logged, counted, and the message is still in the mailbox.
 */
class VoicemailEmailTlsTest {
  private static final String STORE_PASSWORD = "changeit";
  private static final String SMTP_USER = "vmrelay";
  private static final String SMTP_PASSWORD = "relay-secret-1";

  @TempDir static Path keys;
  private static Path certificate;

  @TempDir Path dir;
  private Switchboard sb;
  private GreenMail mail;

  /**
   * A key and certificate naming 127.0.0.1 for GreenMail's SMTPS (it reads the key store from
   * system properties once per JVM: no other test here starts SMTPS), and the certificate as PEM.
   */
  @BeforeAll
  static void certificate() throws Exception {
    Path store = keys.resolve("smtp.p12");
    certificate = keys.resolve("smtp.pem");
    keytool(
        "-genkeypair",
        "-alias",
        "smtp",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=127.0.0.1",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-storetype",
        "PKCS12",
        "-keystore",
        store.toString(),
        "-storepass",
        STORE_PASSWORD,
        "-keypass",
        STORE_PASSWORD);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "smtp",
        "-keystore",
        store.toString(),
        "-storepass",
        STORE_PASSWORD,
        "-file",
        certificate.toString());
    System.setProperty("greenmail.tls.keystore.file", store.toString());
    System.setProperty("greenmail.tls.keystore.password", STORE_PASSWORD);
    System.setProperty("greenmail.tls.key.password", STORE_PASSWORD);
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }

  @AfterEach
  void stop() {
    if (sb != null) {
      sb.close();
    }
    if (mail != null) {
      mail.stop();
    }
  }

  /** GreenMail with SMTPS that wants {@code SMTP_USER}'s login before it takes mail. */
  private void smtps() {
    mail =
        new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort())
            .withConfiguration(
                GreenMailConfiguration.aConfig()
                    .withUser("relay@e.test", SMTP_USER, SMTP_PASSWORD));
    mail.start();
    mail.getUserManager().setAuthRequired(true);
  }

  private void serve(String... smtp) throws Exception {
    List<String> args = new ArrayList<>(List.of("--digest-challenge-order", "md5-only"));
    args.addAll(List.of(smtp));
    args.addAll(List.of("--smtp-host", "127.0.0.1", "--smtp-from", "voicemail@e.test"));
    sb = Switchboard.start(dir.resolve("data"), 0, args.toArray(String[]::new));
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
  }

  private Path passwordFile(String password) throws Exception {
    Path f = dir.resolve("smtp-password");
    Files.writeString(f, password + "\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    return f;
  }

  private void leaveMessage() throws Exception {
    try (CallCli caller =
        CallCli.start(
            dir, sb, "1001", "e.test", "sip:1002@e.test", "--tone", "700", "--seconds", "6")) {
      assertThat(caller.awaitExit(40)).as(caller.output()).isZero();
    }
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void implicitTlsWithALoginDeliversToSmtps() throws Exception {
    smtps();
    serve(
        "--smtp-port", Integer.toString(mail.getSmtps().getPort()),
        "--smtp-tls", "implicit",
        "--smtp-ca-file", certificate.toString(),
        "--smtp-user", SMTP_USER,
        "--smtp-password-file", passwordFile(SMTP_PASSWORD).toString());

    leaveMessage();

    assertThat(mail.waitForIncomingEmail(20_000, 1)).as(serveLog()).isTrue();
    assertThat(mail.getReceivedMessages()[0].getSubject()).contains("1002", "sip:1001@e.test");
    // Counted once the client has its reply to QUIT, a moment after GreenMail has the message.
    awaitMetric("switchboard_voicemail_emails_sent_total 1\n");
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aWrongPasswordIsCountedAndTheMessageKept() throws Exception {
    smtps();
    serve(
        "--smtp-port", Integer.toString(mail.getSmtps().getPort()),
        "--smtp-tls", "implicit",
        "--smtp-ca-file", certificate.toString(),
        "--smtp-user", SMTP_USER,
        "--smtp-password-file", passwordFile("not-the-password").toString());

    leaveMessage();

    assertFailedButKept("AUTH PLAIN");
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void anUntrustedCertificateIsRefusedByDefault() throws Exception {
    smtps();
    // No --smtp-ca-file: the JVM's trust store, which knows nothing of the test's certificate.
    serve(
        "--smtp-port",
        Integer.toString(mail.getSmtps().getPort()),
        "--smtp-tls",
        "implicit",
        "--smtp-user",
        SMTP_USER,
        "--smtp-password-file",
        passwordFile(SMTP_PASSWORD).toString());

    leaveMessage();

    assertFailedButKept("PKIX");
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void starttlsToAServerWithoutItIsRefusedNotSentInPlainText() throws Exception {
    // GreenMail's plain SMTP does not offer STARTTLS: the client must not go on without it.
    mail =
        new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
            .withConfiguration(
                GreenMailConfiguration.aConfig()
                    .withUser("relay@e.test", SMTP_USER, SMTP_PASSWORD));
    mail.start();
    serve(
        "--smtp-port", Integer.toString(mail.getSmtp().getPort()),
        "--smtp-tls", "starttls",
        "--smtp-ca-file", certificate.toString(),
        "--smtp-user", SMTP_USER,
        "--smtp-password-file", passwordFile(SMTP_PASSWORD).toString());

    leaveMessage();

    assertFailedButKept("STARTTLS");
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aCaFileWithoutCertificatesIsAUsageError() throws Exception {
    Path notPem = Files.writeString(dir.resolve("not.pem"), "no certificate here\n");
    Path log = dir.resolve("bad-ca.log");
    try (ServerProcess p =
        ServerProcess.start(
            log,
            ServerProcess.serveArgs(
                dir.resolve("d"),
                "--smtp-host",
                "127.0.0.1",
                "--smtp-tls",
                "implicit",
                "--smtp-ca-file",
                notPem.toString()))) {
      assertThat(p.awaitExit(60)).isEqualTo(2);
    }
    assertThat(Files.readString(log)).contains("--smtp-ca-file", notPem.toString());
  }

  /** What serve logged (Switchboard.start writes it beside the data directory). */
  private String serveLog() throws Exception {
    return Files.readString(dir.resolve("data-serve.log"), StandardCharsets.ISO_8859_1);
  }

  private void awaitMetric(String line) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!sb.metrics().contains(line) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(sb.metrics()).contains(line);
  }

  /** The e-mail failed (counted, logged with {@code reason}); the message is in the mailbox. */
  private void assertFailedButKept(String reason) throws Exception {
    awaitMetric("switchboard_voicemail_emails_failed_total 1\n");
    assertThat(sb.metrics())
        .contains(
            "switchboard_voicemail_emails_failed_total 1\n",
            "switchboard_voicemail_emails_sent_total 0\n");
    assertThat(serveLog()).contains("not e-mailed", reason);
    JsonNode items = sb.get("/api/v1/tenants/e.test/accounts/1002/voicemail").get("items");
    assertThat(items).hasSize(1);
    Path kept = dir.resolve("kept.wav");
    Files.write(
        kept,
        sb.bytes(
            "/api/v1/tenants/e.test/accounts/1002/voicemail/" + items.get(0).get("id").asText()));
    assertThat(Heard.share(kept, 700)).as(Heard.describe(kept)).isGreaterThan(0.6);
  }
}
