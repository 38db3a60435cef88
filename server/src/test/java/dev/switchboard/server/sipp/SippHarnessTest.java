package dev.switchboard.server.sipp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.sipp.Sipp.Result;
import dev.switchboard.server.sipp.Sipp.Running;
import dev.switchboard.server.sipp.Sipp.Transport;
import dev.switchboard.server.sipp.TortureScenario.Entry;
import dev.switchboard.server.sipp.TortureScenario.Prepared;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proves the SIPp harness and the torture manifest without a Switchboard server: SIPp plays both
 * sides.
 */
class SippHarnessTest {

  @TempDir Path dir;

  @Test
  void builtInUacCompletesACallWithBuiltInUas() throws Exception {
    Result[] results = pair(Sipp.builtIn("uas"), Sipp.builtIn("uac"), Transport.UDP);

    assertCalls(results[0], 1);
    assertCalls(results[1], 1);
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"UDP", "TCP"}) // SIPp against SIPp: TLS is exercised against our server instead
  void optionsScenarioChecksAllowAcceptAndSupported(Transport transport) throws Exception {
    Result[] results =
        pair(
            Sipp.scenario(resource("options-uas.xml")),
            Sipp.scenario(resource("options-uac.xml")),
            transport);

    assertCalls(results[0], 1);
    assertCalls(results[1], 1);
  }

  @Test
  void invite501ScenarioAcksOnTheInviteBranch() throws Exception {
    Result[] results =
        pair(
            Sipp.scenario(resource("invite-501-uas.xml")),
            Sipp.scenario(resource("invite-501-uac.xml")),
            Transport.UDP);

    assertCalls(results[0], 1);
    assertCalls(results[1], 1);
  }

  @Test
  void tortureScenarioMatchesTheAnswerByTheMessagesOwnCallId() throws Exception {
    Entry lwsdisp =
        TortureScenario.manifest().stream()
            .filter(e -> e.name().equals("lwsdisp"))
            .findFirst()
            .orElseThrow();
    Prepared prepared = TortureScenario.write(lwsdisp, dir);

    Result[] results =
        pair(
            Sipp.scenario(resource("options-uas.xml")),
            Sipp.scenario(prepared.scenario()).args(prepared.sippArgs().toArray(String[]::new)),
            Transport.UDP);

    assertCalls(results[1], 1);
    assertThat(
            Files.readString(results[1].workDir().resolve("messages.log"), StandardCharsets.UTF_8))
        .contains("Call-ID: lwsdisp.1234abcd@funky.example.com");
  }

  @Test
  void tortureScenarioFailsWhenTheAnswerIsNotTheExpectedOne() throws Exception {
    Entry bext01 =
        TortureScenario.manifest().stream()
            .filter(e -> e.name().equals("bext01"))
            .findFirst()
            .orElseThrow();
    Prepared prepared = TortureScenario.write(bext01, dir);

    Result[] results =
        pair(
            Sipp.scenario(resource("options-uas.xml")),
            Sipp.scenario(prepared.scenario()).args(prepared.sippArgs().toArray(String[]::new)),
            Transport.UDP);

    assertThat(bext01.expect()).isEqualTo("420");
    assertThat(results[1].exitCode()).as(results[1].describe()).isEqualTo(1);
    assertThat(results[1].failedCalls()).as(results[1].describe()).isEqualTo(1);
    assertThat(results[1].allSucceeded()).isFalse();
  }

  @Test
  void manifestListsEveryMessageFileAndNothingElse() throws IOException {
    List<Entry> entries = TortureScenario.manifest();
    Set<String> listed = entries.stream().map(Entry::name).collect(Collectors.toSet());
    Set<String> files;
    try (Stream<Path> paths = Files.list(TortureScenario.directory())) {
      files =
          paths
              .map(path -> path.getFileName().toString())
              .filter(name -> name.endsWith(".sip"))
              .map(name -> name.substring(0, name.length() - ".sip".length()))
              .collect(Collectors.toSet());
    }

    assertThat(entries).hasSize(49);
    assertThat(listed).hasSize(entries.size()).isEqualTo(files);
    for (Entry entry : entries) {
      assertThat(entry.file()).isRegularFile();
      assertThat(entry.kind()).isIn("request", "response");
      assertThat(entry.verdict()).isIn("parse", "reject", "parse-semantic");
      assertThat(entry.expect()).matches("none|[1-6][0-9][0-9]");
      assertThat(entry.section()).matches("3\\.[1-4](\\.[0-9]+)+");
      assertThat(entry.note()).isNotBlank();
      if (entry.kind().equals("response")) {
        assertThat(entry.expect()).as(entry.name()).isEqualTo("none");
      }
      if (entry.sipp()) {
        assertThat(sendableBySipp(entry.bytes())).as(entry.name()).isTrue();
      }
    }
  }

  /** SIPp sends a CDATA text message: valid UTF-8, no control bytes, no keyword brackets. */
  private static boolean sendableBySipp(byte[] bytes) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return false;
    }
    return text.chars().noneMatch(c -> c < 0x20 && c != '\r' && c != '\n' && c != '\t' || c == 0x7f)
        && !text.contains("[")
        && !text.contains("]]>");
  }

  /** Starts the server side on a free port, runs the client side against it, and waits for both. */
  private Result[] pair(Sipp server, Sipp client, Transport transport) throws Exception {
    int port = Sipp.freePort(transport);
    try (Running peer =
        server
            .transport(transport)
            .localPort(port)
            .calls(1)
            .workDir(dir.resolve("server"))
            .start()) {
      Thread.sleep(300);
      Result clientResult =
          client
              .transport(transport)
              .remote(Sipp.LOOPBACK, port)
              .calls(1)
              .workDir(dir.resolve("client"))
              .run();
      return new Result[] {peer.await(), clientResult};
    }
  }

  private static void assertCalls(Result result, long successful) {
    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.successfulCalls()).as(result.describe()).isEqualTo(successful);
    assertThat(result.failedCalls()).as(result.describe()).isZero();
    assertThat(result.allSucceeded()).isTrue();
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(SippHarnessTest.class.getResource("/sipp/" + name).toURI());
  }
}
