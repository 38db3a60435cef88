package dev.switchboard.server.peers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.sipp.Sipp;
import dev.switchboard.server.sipp.Sipp.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kamailio peer on its own: a SIPp user registers with digest, another calls it through the
 * proxy.
 */
class KamailioPeerTest {

  @TempDir Path tmp;

  static Path scenario(String name) throws Exception {
    return Path.of(KamailioPeerTest.class.getResource("/sipp/" + name).toURI());
  }

  @Test
  void registeredUserReceivesACallThroughTheProxy() throws Exception {
    KamailioPeer.Settings settings = KamailioPeer.Settings.defaults().withAuth(true, true);
    try (KamailioPeer kamailio = KamailioPeer.start(settings)) {
      assertThat(kamailio.pid()).isPositive();
      assertThat(Files.readString(kamailio.workDir().resolve("kamailio.pid")).trim())
          .isEqualTo(Long.toString(kamailio.pid()));
      int uasPort = Sipp.freePort(Sipp.Transport.UDP);
      try (Sipp.Running bob =
          Sipp.scenario(scenario("answer-uas.xml"))
              .localPort(uasPort)
              .timeout(Duration.ofSeconds(20))
              .workDir(tmp.resolve("bob"))
              .start()) {
        Path reg = tmp.resolve("register.csv");
        Files.writeString(
            reg,
            "SEQUENTIAL\nbob;b.test;[authentication username=bob password=secret];127.0.0.1:"
                + uasPort
                + "\n");
        Result registered =
            Sipp.scenario(scenario("register-uac.xml"))
                .remote(kamailio.host(), kamailio.port())
                .injection(reg)
                .timeout(Duration.ofSeconds(10))
                .workDir(tmp.resolve("register"))
                .run();
        assertThat(registered.allSucceeded()).as(registered.describe() + kamailio.log()).isTrue();

        Path call = tmp.resolve("call.csv");
        Files.writeString(
            call, "SEQUENTIAL\nalice;b.test;[authentication username=alice password=secret];bob\n");
        Result called =
            Sipp.scenario(scenario("call-uac.xml"))
                .remote(kamailio.host(), kamailio.port())
                .injection(call)
                .args("-d", "200")
                .timeout(Duration.ofSeconds(10))
                .workDir(tmp.resolve("call"))
                .run();
        assertThat(called.allSucceeded()).as(called.describe() + kamailio.log()).isTrue();
        String messages = Files.readString(tmp.resolve("call/messages.log"));
        assertThat(messages)
            .contains("SIP/2.0 407")
            .contains("SIP/2.0 180")
            .contains("Record-Route:");

        Result answered = bob.await();
        assertThat(answered.allSucceeded()).as(answered.describe()).isTrue();
      }
    }
  }

  @Test
  void unknownUserIs404AndProcessStopsOnClose() throws Exception {
    KamailioPeer kamailio = KamailioPeer.start(KamailioPeer.Settings.defaults());
    ProcessHandle handle = ProcessHandle.of(kamailio.pid()).orElseThrow();
    try (kamailio) {
      Path call = tmp.resolve("call.csv");
      Files.writeString(
          call, "SEQUENTIAL\nalice;b.test;[authentication username=alice password=x];nobody\n");
      Result r =
          Sipp.scenario(scenario("call-uac.xml"))
              .remote(kamailio.host(), kamailio.port())
              .injection(call)
              .timeout(Duration.ofSeconds(5))
              .workDir(tmp.resolve("call"))
              .run();
      assertThat(r.allSucceeded()).isFalse();
      assertThat(Files.readString(tmp.resolve("call/messages.log"))).contains("SIP/2.0 404");
    }
    assertThat(handle.isAlive()).isFalse();
  }
}
