package dev.switchboard.ua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.media.FrameSink;
import dev.switchboard.media.clock.AudioPatch;
import dev.switchboard.media.rtp.PortRange;
import dev.switchboard.media.tone.FrequencyAnalyzer;
import dev.switchboard.media.tone.ToneGenerator;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two softphones on 127.0.0.1 call each other directly (the caller's outbound proxy is the callee):
 * INVITE with offer, 200 with answer, ACK; each hears the other's tone and not its own; RFC 4733
 * keys one way and INFO the other; hold by re-INVITE silences the holder; BYE ends both.
 */
class SoftphoneLoopbackTest {

  private static Softphone phone(String user, InetSocketAddress server, int rtpBase)
      throws Exception {
    return Softphone.start(
        new Softphone.Config(
            server,
            user,
            "secret",
            "loop.test",
            "127.0.0.1",
            new PortRange(rtpBase, rtpBase + 99)));
  }

  /** Collects what a call hears, as a sink on the media clock. */
  private static final class Ear implements FrameSink {
    final FrequencyAnalyzer analyzer = new FrequencyAnalyzer();
    volatile boolean listening = true;

    @Override
    public void accept(short[] frame) {
      if (frame != null && listening) {
        analyzer.accept(frame);
      }
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void twoPhonesCallHearEachOtherExchangeKeysHoldAndHangUp() throws Exception {
    try (Softphone bob = phone("bob", new InetSocketAddress("127.0.0.1", 9), 31000);
        Softphone alice = phone("alice", bob.sipAddress(), 31200)) {
      List<Character> bobKeys = new CopyOnWriteArrayList<>();
      List<Character> aliceKeys = new CopyOnWriteArrayList<>();
      List<Boolean> bobHeld = new CopyOnWriteArrayList<>();
      Ear aliceEar = new Ear();
      Ear bobEar = new Ear();

      Call out =
          alice.call(
              "sip:bob@127.0.0.1:" + bob.sipAddress().getPort(),
              new CallListener() {
                @Override
                public void onDigit(Call call, char digit) {
                  aliceKeys.add(digit);
                }
              });
      Call in = bob.nextIncoming(5000);
      assertThat(in).as("bob gets the INVITE").isNotNull();
      assertThat(in.remoteParty().uri().toString()).isEqualTo("sip:alice@loop.test");
      in.ring();
      assertThat(
              in.answer(
                  new CallListener() {
                    @Override
                    public void onDigit(Call call, char digit) {
                      bobKeys.add(digit);
                    }

                    @Override
                    public void onRemoteHold(Call call, boolean held) {
                      bobHeld.add(held);
                    }
                  }))
          .isTrue();
      out.answered().get(5, TimeUnit.SECONDS);
      assertThat(out.state()).isEqualTo(Call.State.CONFIRMED);

      AudioPatch.connect(alice.clock(), ToneGenerator.sine(1000, 8000), out.media());
      AudioPatch.connect(bob.clock(), ToneGenerator.sine(500, 8000), in.media());
      AudioPatch.connect(alice.clock(), out.media(), aliceEar);
      AudioPatch.connect(bob.clock(), in.media(), bobEar);
      Thread.sleep(2000);

      assertThat(bobEar.analyzer.shareNear(1000, 30)).as("bob hears alice").isGreaterThan(0.8);
      assertThat(aliceEar.analyzer.shareNear(500, 30)).as("alice hears bob").isGreaterThan(0.8);
      assertThat(aliceEar.analyzer.shareNear(1000, 30)).as("alice not herself").isLessThan(0.05);

      out.sendDigits("1234");
      in.sendInfo('#');
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> bobKeys.size() == 4 && aliceKeys.size() == 1);
      assertThat(bobKeys).containsExactly('1', '2', '3', '4');
      assertThat(aliceKeys).containsExactly('#');

      // Hold: alice re-offers sendonly; bob answers recvonly and stops sending to her.
      assertThat(out.hold(true)).isTrue();
      await().atMost(Duration.ofSeconds(5)).until(() -> bobHeld.contains(true));
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> !in.media().direction().sends() && out.media().direction().sends());
      long sentBefore = in.media().stream().stats().framesSent();
      Thread.sleep(500);
      assertThat(in.media().stream().stats().framesSent())
          .as("a held party sends nothing")
          .isEqualTo(sentBefore);
      assertThat(out.hold(false)).isTrue();
      await().atMost(Duration.ofSeconds(5)).until(() -> bobHeld.equals(List.of(true, false)));
      await().atMost(Duration.ofSeconds(5)).until(() -> in.media().direction().sends());

      out.hangup();
      CallEnd bobEnd = in.ended().get(5, TimeUnit.SECONDS);
      assertThat(bobEnd.cause()).isEqualTo(CallEnd.Cause.REMOTE);
      assertThat(out.ended().get(1, TimeUnit.SECONDS).cause()).isEqualTo(CallEnd.Cause.LOCAL);
      assertThat(bob.core().calls()).isEmpty();
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aRefusedCallEndsWithTheStatusAndACancelledOneAsCancelled() throws Exception {
    try (Softphone bob = phone("bob", new InetSocketAddress("127.0.0.1", 9), 31400);
        Softphone alice = phone("alice", bob.sipAddress(), 31600)) {
      String target = "sip:bob@127.0.0.1:" + bob.sipAddress().getPort();
      Call busy = alice.call(target, null);
      bob.nextIncoming(5000).reject(486);
      CallEnd end = busy.ended().get(5, TimeUnit.SECONDS);
      assertThat(end.cause()).isEqualTo(CallEnd.Cause.REFUSED);
      assertThat(end.status()).isEqualTo(486);

      Call ringing = alice.call(target, null);
      Call in = bob.nextIncoming(5000);
      in.ring();
      await().atMost(Duration.ofSeconds(5)).until(() -> ringing.state() == Call.State.EARLY);
      ringing.hangup();
      assertThat(in.ended().get(5, TimeUnit.SECONDS).cause()).isEqualTo(CallEnd.Cause.CANCELLED);
      assertThat(ringing.ended().get(5, TimeUnit.SECONDS).cause()).isEqualTo(CallEnd.Cause.LOCAL);
    }
  }
}
