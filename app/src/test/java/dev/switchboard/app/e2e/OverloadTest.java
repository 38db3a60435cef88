package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.server.wire.SipProbe;
import dev.switchboard.sip.message.HeaderNames;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overload is answered, not suffered in silence: one sender sending new requests at five times what
 * the server can handle (measured first, on one SIP thread) gets 503 with Retry-After once the
 * receive queue passes its mark, while a phone registering at an ordinary pace (and retransmitting
 * as phones do) keeps being served; when the flood stops the server is back to normal within
 * seconds. The flood is bounded in count and time and sent only to 127.0.0.1.
 */
class OverloadTest {
  private static final String D = "a.test";
  private static final int RATE_CAP = 60_000;

  @TempDir Path dir;

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aFloodGets503sWhilePhonesAreServedAndTheServerRecovers() throws Exception {
    try (Switchboard sb = Switchboard.start(dir.resolve("data"), 0, "--sip-threads", "1")) {
      sb.tenant(D, "1001", "1002", "1005");
      SipProbe floodTo = new SipProbe(sb.sipPort());
      SipProbe phoneTo = new SipProbe(sb.sipPort());
      SipProbe bob = new SipProbe(sb.sipPort());
      try {
        assertThat(register(bob, "1002").status()).isEqualTo(200);
        byte[][] blast = new byte[64][];
        for (int i = 0; i < blast.length; i++) {
          // New requests to an existing but unregistered extension: each is a transaction and
          // a routing decision, not just a parse.
          blast[i] =
              SipProbe.crlf(
                      floodTo.request(
                          "OPTIONS",
                          "sip:1005@" + D,
                          "<sip:load@elsewhere.test>;tag=f" + i,
                          "<sip:1005@" + D + ">"))
                  .getBytes(StandardCharsets.UTF_8);
        }
        // What one SIP thread sustains, from the server's own account: busy time per message
        // over a warm-up at a pace it surely keeps.
        double[] m0 = busyAndMessages(sb);
        for (int i = 0; i < 1_500; i++) {
          floodTo.sendRaw(fresh(blast[i % blast.length], RATE_CAP * 3 + i));
          Thread.sleep(2);
        }
        Thread.sleep(500);
        double[] m1 = busyAndMessages(sb);
        double capacity = (m1[1] - m0[1]) / Math.max(1e-6, m1[0] - m0[0]);
        int rate = (int) Math.max(2_000, Math.min(RATE_CAP, 5 * capacity));
        int count = rate * 3;
        int before = floodTo.received().size();
        Thread blaster =
            new Thread(
                () -> {
                  long start = System.nanoTime();
                  for (int i = 0; i < count; i++) {
                    long due = start + (long) i * 1_000_000_000L / rate;
                    while (System.nanoTime() < due) {
                      Thread.onSpinWait();
                    }
                    floodTo.sendRaw(fresh(blast[i % blast.length], i));
                  }
                },
                "flood");
        blaster.start();
        // Meanwhile the phone of an office registers and calls at a human pace.
        int served = 0;
        for (int i = 0; i < 5; i++) {
          Thread.sleep(300);
          SipResponse reg = register(phoneTo, "1001");
          if (reg != null && reg.status() == 200) {
            served++;
          }
        }
        blaster.join(30_000);
        // One snapshot: answers still arriving would make a second read longer than the first.
        List<SipProbe.Received> all = floodTo.received();
        List<SipProbe.Received> got = all.subList(before, all.size());
        List<SipResponse> busy =
            got.stream()
                .map(SipProbe.Received::message)
                .filter(m -> m instanceof SipResponse r && r.status() == 503)
                .map(m -> (SipResponse) m)
                .toList();
        System.out.printf(
            "capacity %.0f/s; flood %d/s x %d: %d answers, %d of them 503; phone served %d of 5%n",
            capacity, rate, count, got.size(), busy.size(), served);
        assertThat(busy).as("503s to the flood (of %d answers)", got.size()).isNotEmpty();
        assertThat(busy.get(0).header(HeaderNames.RETRY_AFTER)).matches("\\d+");
        assertThat(served)
            .as("the phone's registrations served during the flood")
            .isGreaterThanOrEqualTo(3);
        // Back to normal within seconds: a new request from the flooder's own flow is served.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        int status = 0;
        while (System.nanoTime() < deadline && status != 480) {
          String text =
              floodTo.request(
                  "OPTIONS",
                  "sip:1005@" + D,
                  "<sip:load@elsewhere.test>;tag=r",
                  "<sip:1005@" + D + ">");
          SipRequest r = SipProbe.parseRequest(text);
          floodTo.send(r);
          SipResponse answer = floodTo.response(r.callId(), 1, Duration.ofSeconds(1));
          status = answer == null ? 0 : answer.status();
        }
        assertThat(status)
            .as("a request after the flood is routed again (480: not registered)")
            .isEqualTo(480);
        JsonNode events = sb.get("/api/v1/security/events");
        assertThat(events.get("items").toString()).contains("overload-started");
      } finally {
        floodTo.close();
        phoneTo.close();
        bob.close();
      }
    }
  }

  /** The server's UDP busy seconds and messages received so far, from /metrics. */
  private static double[] busyAndMessages(Switchboard sb) throws Exception {
    String text = sb.metrics();
    return new double[] {
      metric(text, "switchboard_sip_udp_busy_seconds_total"),
      metric(text, "switchboard_sip_messages_in_total")
    };
  }

  private static double metric(String text, String name) {
    for (String line : text.split("\n")) {
      if (line.startsWith(name + " ")) {
        return Double.parseDouble(line.substring(name.length() + 1).trim());
      }
    }
    throw new AssertionError(name + " not in /metrics:\n" + text);
  }

  private static SipResponse register(SipProbe p, String user) {
    return p.register(
        user, Switchboard.password(user), D, "<sip:" + user + "@127.0.0.1:" + p.port() + ">", 3600);
  }

  /** The same request with a branch and Call-ID of its own, so each is a new transaction. */
  private static byte[] fresh(byte[] template, int n) {
    String s = new String(template, StandardCharsets.UTF_8);
    String id = Integer.toString(n, 36);
    return s.replaceFirst("branch=z9hG4bK[^;\\r]*", "branch=z9hG4bKfl" + id)
        .replaceFirst("Call-ID: [^\\r]*", "Call-ID: fl-" + id)
        .getBytes(StandardCharsets.UTF_8);
  }
}
