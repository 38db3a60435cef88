package dev.switchboard.media.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.switchboard.media.clock.AudioPatch;
import dev.switchboard.media.clock.MediaClock;
import dev.switchboard.media.codec.G711;
import dev.switchboard.media.dtmf.DtmfDigit;
import dev.switchboard.media.jitter.JitterBuffer;
import dev.switchboard.media.rtp.MediaTransport;
import dev.switchboard.media.rtp.PortRange;
import dev.switchboard.media.rtp.RtpSession;
import dev.switchboard.media.testing.Sox;
import dev.switchboard.media.tone.FrequencyAnalyzer;
import dev.switchboard.media.tone.SignalLevel;
import dev.switchboard.media.tone.ToneGenerator;
import dev.switchboard.media.wav.PromptPlayer;
import dev.switchboard.media.wav.WavEncoding;
import dev.switchboard.media.wav.WavReader;
import dev.switchboard.media.wav.WavWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two RTP sessions on loopback exchange tones, keys and reports through real UDP sockets. */
class LoopbackCallTest {

  @TempDir Path dir;

  private MediaClock clock;
  private MediaTransport transport;

  @BeforeEach
  void start() throws Exception {
    clock = MediaClock.start("call-clock", 1);
    // a random slice of the high ports, so parallel builds do not collide
    int base = 30_000 + 2 * ThreadLocalRandom.current().nextInt(10_000);
    transport =
        MediaTransport.open(InetAddress.getLoopbackAddress(), new PortRange(base, base + 99));
  }

  @AfterEach
  void stop() {
    clock.close();
    transport.close();
  }

  private AudioStream stream(InetSocketAddress remote, G711 codec, boolean mux) throws Exception {
    RtpSession.Settings settings =
        new RtpSession.Settings(8000, remote, true, mux, 400, 1000, "test@127.0.0.1");
    return AudioStream.open(
        transport, settings, new AudioStream.Config(codec, 101, JitterBuffer.adaptive(2, 10)));
  }

  private static double dominant(Path wav) throws Exception {
    FrequencyAnalyzer analyzer = new FrequencyAnalyzer();
    analyzer.accept(WavReader.read(wav).samples());
    return analyzer.dominantFrequency();
  }

  @Test
  void aCallerAndACalleeHearEachOthersTonesAndKeys() throws Exception {
    AudioStream caller = stream(null, G711.PCMA, false);
    AudioStream callee = stream(caller.session().localAddress(), G711.PCMA, false);
    caller.session().setRemote(callee.session().localAddress());
    assertThat(caller.session().localPort() % 2).isZero();
    List<DtmfDigit> keysAtCallee = new CopyOnWriteArrayList<>();
    callee.onDigit(keysAtCallee::add);

    Path callerHears = dir.resolve("caller-hears.wav");
    Path calleeHears = dir.resolve("callee-hears.wav");
    try (WavWriter callerRecording = WavWriter.create(callerHears, WavEncoding.PCM);
        WavWriter calleeRecording = WavWriter.create(calleeHears, WavEncoding.MULAW)) {
      AudioPatch a = AudioPatch.connect(clock, ToneGenerator.sine(1000, 8000), caller);
      AudioPatch b = AudioPatch.connect(clock, ToneGenerator.sine(2200, 8000), callee);
      AudioPatch ra = AudioPatch.connect(clock, caller, callerRecording);
      AudioPatch rb = AudioPatch.connect(clock, callee, calleeRecording);
      caller.sendDigits("159#");
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> calleeRecording.millis() >= 3000 && keysAtCallee.size() == 4);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  caller.session().stats().roundTripMillis() >= 0
                      && callee.session().stats().roundTripMillis() >= 0);
      for (AudioPatch p : List.of(a, b, ra, rb)) {
        p.disconnect();
      }
    }
    assertThat(dominant(calleeHears)).isCloseTo(1000, within(3.0));
    assertThat(dominant(callerHears)).isCloseTo(2200, within(3.0));
    assertThat(keysAtCallee).extracting(DtmfDigit::digit).containsExactly('1', '5', '9', '#');

    RtpSession.Stats atCallee = callee.session().stats();
    assertThat(atCallee.lost()).isZero();
    assertThat(atCallee.jitterMillis()).isLessThan(20);
    assertThat(atCallee.reportsReceived()).isPositive();
    assertThat(atCallee.latches()).isEqualTo(0); // it knew where the caller was from the start
    assertThat(caller.session().stats().latches()).isEqualTo(0);
    // the caller learns from the callee's reports that nothing was lost on its way
    assertThat(caller.session().stats().remoteFractionLost()).isZero();
    assertThat(caller.session().stats().roundTripMillis()).isBetween(0.0, 200.0);
    // nothing is lost on loopback; a clock starved of CPU on a busy machine (load average 17 on
    // two cores was seen) makes some frames late, a broken buffer would drop most of them
    JitterBuffer.Stats jb = callee.stats().jitterBuffer();
    assertThat(jb.late()).isLessThanOrEqualTo(Math.max(10, jb.received() / 10));
    assertThat(jb.played()).isGreaterThanOrEqualTo(jb.received() * 8 / 10);

    // closing the caller's session tells the callee, by RTCP BYE, that its source left
    List<String> byes = new CopyOnWriteArrayList<>();
    callee.onBye(byes::add);
    caller.session().close("hung up");
    await().atMost(Duration.ofSeconds(5)).until(() -> byes.equals(List.of("hung up")));
    callee.close();
    assertThat(transport.openSessions()).isZero();
  }

  @Test
  void aWavPromptPlaysOverRtpAndIsRecordedOnTheOtherSide() throws Exception {
    // the prompt comes from sox, at 16 kHz as prompt files often are: 1.5 s of 700 Hz
    Path prompt = dir.resolve("prompt.wav");
    Sox.run(
        "-n",
        "-r",
        "16000",
        "-b",
        "16",
        "-c",
        "1",
        prompt.toString(),
        "synth",
        "1.5",
        "sine",
        "700",
        "vol",
        "0.4");
    AudioStream server = stream(null, G711.PCMA, false);
    AudioStream phone = stream(server.session().localAddress(), G711.PCMA, false);
    server.session().setRemote(phone.session().localAddress());
    Path heard = dir.resolve("phone-hears.wav");
    CountDownLatch played = new CountDownLatch(1);
    try (WavWriter recording = WavWriter.create(heard, WavEncoding.PCM)) {
      AudioPatch record = AudioPatch.connect(clock, phone, recording);
      AudioPatch.untilEnd(clock, PromptPlayer.of(prompt, false), server, played::countDown);
      assertThat(played.await(10, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(300); // the last packets through the phone's jitter buffer
      record.disconnect();
    }
    short[] samples = WavReader.read(heard).samples();
    FrequencyAnalyzer analyzer = new FrequencyAnalyzer();
    analyzer.accept(samples);
    assertThat(analyzer.dominantFrequency()).isCloseTo(700, within(3.0));
    // 1.5 s of prompt is 75 packets, all of which arrived and, bar a late one or two on a
    // starved machine, were played (concealment may add a few faded repeats)
    assertThat(phone.session().stats().packetsReceived()).isEqualTo(75);
    int loud = 0;
    for (int i = 0; i + 160 <= samples.length; i += 160) {
      if (SignalLevel.dbfs(samples, i, 160) > -20) {
        loud++;
      }
    }
    assertThat(loud).isBetween(70, 80);
    assertThat(phone.stats().jitterBuffer().played()).isGreaterThanOrEqualTo(70);
    server.close();
    phone.close();
  }

  @Test
  void lossAndJitterOnTheWayAreMeasuredAndConcealed() throws Exception {
    AudioStream callee = stream(null, G711.PCMU, true); // learns where to answer (symmetric)
    try (LossyRelay relay = new LossyRelay(callee.session().localAddress(), 20, 30)) {
      AudioStream caller = stream(relay.address(), G711.PCMU, true);
      Path calleeHears = dir.resolve("callee-hears.wav");
      try (WavWriter recording = WavWriter.create(calleeHears, WavEncoding.PCM)) {
        AudioPatch send = AudioPatch.connect(clock, ToneGenerator.sine(850, 8000), caller);
        AudioPatch back = AudioPatch.connect(clock, ToneGenerator.sine(300, 8000), callee);
        AudioPatch record = AudioPatch.connect(clock, callee, recording);
        await().atMost(Duration.ofSeconds(30)).until(() -> recording.millis() >= 5000);
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> caller.session().stats().remoteFractionLost() > 0);
        send.disconnect();
        back.disconnect();
        record.disconnect();
      }
      RtpSession.Stats atCallee = callee.session().stats();
      // the callee answered to the relay's address it learned from the packets
      assertThat(atCallee.latches()).isEqualTo(1);
      assertThat(callee.session().remote()).isEqualTo(relay.address());
      assertThat(caller.session().stats().packetsReceived()).isPositive();
      // every 20th packet dropped: 5 % loss, and the count matches the relay's
      int dropped = relay.droppedToB();
      assertThat(atCallee.lost()).isBetween((long) dropped - 1, (long) dropped);
      assertThat(atCallee.lossRatio()).isCloseTo(0.05, within(0.01));
      // 0-30 ms of uniform random delay: mean |D| of two such delays is 10 ms
      assertThat(atCallee.jitterMillis()).isBetween(4.0, 20.0);
      // the caller hears about it in the callee's receiver reports
      assertThat(caller.session().stats().remoteFractionLost()).isBetween(0.01, 0.12);
      JitterBuffer.Stats jb = callee.stats().jitterBuffer();
      assertThat(jb.concealed()).isGreaterThanOrEqualTo(dropped - 1);
      assertThat(jb.depthFrames()).isGreaterThanOrEqualTo(2);
      // and the tone is still the tone
      assertThat(dominant(calleeHears)).isCloseTo(850, within(3.0));
      caller.close();
    }
    callee.close();
  }
}
