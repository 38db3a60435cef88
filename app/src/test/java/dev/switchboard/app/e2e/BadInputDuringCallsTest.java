package dev.switchboard.app.e2e;

import static dev.switchboard.app.e2e.Phones.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.server.sipp.Sipp;
import dev.switchboard.server.sipp.TortureScenario;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RFC 4475 torture messages and random garbage, sent to {@code serve} while two calls are up,
 * do not disturb them: both end with BYE/200 and the server still answers OPTIONS.
 */
class BadInputDuringCallsTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void tortureAndGarbageWhileTwoCallsAreUpLeaveThemAndTheServerWorking() throws Exception {
    try (Switchboard sb = Switchboard.start(dir.resolve("data"), 0)) {
      sb.tenant("a.test", "1001", "1002", "1003", "1004");
      Path answer = Switchboard.scenario(dir, "proxy-uas-answer.xml");
      String longCall =
          Files.readString(Switchboard.scenario(dir, "proxy-uac-call.xml"))
              .replace("<pause milliseconds=\"200\"/>", "<pause milliseconds=\"3000\"/>");
      assertThat(longCall).contains("3000");
      Path call = Switchboard.scenario(dir, "proxy-uac-long-call.xml", longCall);
      int port = sb.sipPort();
      try (Sipp.Running bob = Phones.callee(dir, sb, "1002", "a.test", answer);
          Sipp.Running carol = Phones.callee(dir, sb, "1003", "a.test", answer);
          Sipp.Running first =
              Phones.caller(dir, port, call, "1001", "a.test", "1002", "a.test").start();
          Sipp.Running second =
              Phones.caller(dir, port, call, "1004", "a.test", "1003", "a.test").start()) {
        // Both calls are answered well within this; each then waits 3 s before its BYE.
        Thread.sleep(1500);
        int sent = blast(port);
        assertOk(first.await());
        assertOk(second.await());
        assertOk(bob.await());
        assertOk(carol.await());
        assertThat(sent).isGreaterThan(500);
      }
      for (String[] c : new String[][] {{"1001", "1002"}, {"1004", "1003"}}) {
        JsonNode cdr = sb.awaitCall("a.test", c[0], c[1]);
        assertThat(cdr.get("status").asInt()).isEqualTo(200);
        assertThat(cdr.get("endedBy").asText()).isEqualToIgnoringCase("caller");
        assertThat(cdr.get("durationSeconds").asLong()).isGreaterThanOrEqualTo(2);
      }
      Sipp.Result options =
          Sipp.scenario(Switchboard.scenario(dir, "options-uac.xml"))
              .remote("127.0.0.1", port)
              .calls(3)
              .run();
      assertThat(options.successfulCalls()).as(options.describe()).isEqualTo(3);
    }
  }

  /**
   * Every torture message, then random bytes and broken SIP, as UDP datagrams; returns how many.
   */
  private static int blast(int port) throws Exception {
    InetSocketAddress to = new InetSocketAddress("127.0.0.1", port);
    Random random = new Random(4475);
    int n = 0;
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      for (TortureScenario.Entry e : TortureScenario.manifest()) {
        byte[] b = e.bytes();
        socket.send(new DatagramPacket(b, b.length, to));
        n++;
      }
      for (int i = 0; i < 500; i++) {
        byte[] b;
        if (i % 2 == 0) {
          b = new byte[1 + random.nextInt(1400)];
          random.nextBytes(b);
        } else {
          String broken =
              "INVITE sip:1002@a.test SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:"
                  + random.nextInt(70000)
                  + ";branch=z9hG4bK"
                  + i
                  + "\r\nCall-ID: "
                  + "x".repeat(random.nextInt(3000))
                  + "\r\nCSeq: "
                  + random.nextLong()
                  + " BYE\r\nContent-Length: "
                  + (random.nextInt(20000) - 10000)
                  + "\r\n\r\n";
          b = broken.getBytes(StandardCharsets.ISO_8859_1);
          b = java.util.Arrays.copyOf(b, Math.min(b.length, 1 + random.nextInt(b.length)));
        }
        socket.send(new DatagramPacket(b, b.length, to));
        n++;
      }
    }
    return n;
  }
}
