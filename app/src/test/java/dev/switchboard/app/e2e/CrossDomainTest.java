package dev.switchboard.app.e2e;

import static dev.switchboard.app.e2e.Phones.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.server.peers.KamailioPeer;
import dev.switchboard.server.sipp.Sipp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls cross between domains served by different servers, in both directions: two Switchboard
 * processes routing to each other with {@code --route}, and Switchboard with Kamailio.
 */
class CrossDomainTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void twoSwitchboardsCarryCallsBothWaysAndEachLogsItsSide() throws Exception {
    int portA = Switchboard.freeSipPort();
    int portB = Switchboard.freeSipPort();
    try (Switchboard b =
            Switchboard.start(dir.resolve("b"), portB, "--route", "a.test=127.0.0.1:" + portA);
        Switchboard a =
            Switchboard.start(dir.resolve("a"), portA, "--route", "b.test=127.0.0.1:" + portB)) {
      a.tenant("a.test", "1001", "1002");
      b.tenant("b.test", "2001", "2002");
      Path answer = Switchboard.scenario(dir, "proxy-uas-answer.xml");
      Path call = Switchboard.scenario(dir, "proxy-uac-call.xml");
      try (Sipp.Running atB = Phones.callee(dir, b, "2001", "b.test", answer);
          Sipp.Running atA = Phones.callee(dir, a, "1002", "a.test", answer)) {
        assertOk(Phones.caller(dir, portA, call, "1001", "a.test", "2001", "b.test").run());
        assertOk(atB.await());
        assertOk(Phones.caller(dir, portB, call, "2002", "b.test", "1002", "a.test").run());
        assertOk(atA.await());
      }
      assertSide(a.awaitCall("a.test", "1001", "2001"), "outbound");
      assertSide(b.awaitCall("b.test", "1001", "2001"), "inbound");
      assertSide(b.awaitCall("b.test", "2002", "1002"), "outbound");
      assertSide(a.awaitCall("a.test", "2002", "1002"), "inbound");
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void switchboardAndKamailioCarryCallsBothWays() throws Exception {
    int port = Switchboard.freeSipPort();
    KamailioPeer.Settings settings =
        KamailioPeer.Settings.defaults().withPeer("a.test", "127.0.0.1", port).withAuth(true, true);
    try (KamailioPeer kamailio = KamailioPeer.start(settings);
        Switchboard sb =
            Switchboard.start(
                dir.resolve("a"), port, "--route", "b.test=127.0.0.1:" + kamailio.port())) {
      sb.tenant("a.test", "1001", "1002");
      String kPassword = settings.password();
      Path answer = Switchboard.scenario(dir, "proxy-uas-answer.xml");
      Path call = Switchboard.scenario(dir, "proxy-uac-call.xml");
      try (Sipp.Running atKamailio =
              Phones.callee(
                  dir, "127.0.0.1", kamailio.port(), "2001", "b.test", kPassword, answer);
          Sipp.Running atSwitchboard = Phones.callee(dir, sb, "1002", "a.test", answer)) {
        Sipp.Result out = Phones.caller(dir, port, call, "1001", "a.test", "2001", "b.test").run();
        assertThat(out.allSucceeded()).as(out.describe() + kamailio.log()).isTrue();
        assertOk(atKamailio.await());
        // Kamailio challenges only calls to its own users, so this caller sends no credentials.
        Sipp.Result in =
            Phones.caller(
                    dir,
                    kamailio.port(),
                    unchallengedCall(call),
                    "2002",
                    "b.test",
                    "1002",
                    "a.test",
                    kPassword)
                .run();
        assertThat(in.allSucceeded()).as(in.describe() + kamailio.log()).isTrue();
        assertOk(atSwitchboard.await());
      }
      assertSide(sb.awaitCall("a.test", "1001", "2001"), "outbound");
      assertSide(sb.awaitCall("a.test", "2002", "1002"), "inbound");
    }
  }

  /** proxy-uac-call.xml without the first INVITE, its 407 and ACK, and without credentials. */
  private Path unchallengedCall(Path call) throws Exception {
    String xml = Files.readString(call);
    String send = "<send retrans=\"500\">";
    int first = xml.indexOf(send);
    int second = xml.indexOf(send, first + 1);
    String text =
        xml.substring(0, first) + xml.substring(second).replace("      [authentication]\n", "");
    return Switchboard.scenario(dir, "proxy-uac-call-unchallenged.xml", text);
  }

  private static void assertSide(JsonNode cdr, String direction) {
    assertThat(cdr.get("status").asInt()).as(cdr.toString()).isEqualTo(200);
    assertThat(cdr.get("direction").asText()).as(cdr.toString()).isEqualToIgnoringCase(direction);
    assertThat(cdr.get("answerTime").isNull()).as(cdr.toString()).isFalse();
    assertThat(cdr.get("endedBy").asText()).as(cdr.toString()).isEqualToIgnoringCase("caller");
  }
}
