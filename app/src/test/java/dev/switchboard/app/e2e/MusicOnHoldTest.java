package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.media.tone.ToneGenerator;
import dev.switchboard.media.wav.WavEncoding;
import dev.switchboard.media.wav.WavWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Music on hold through a running {@code serve}: {@code switchboard call} 1001 calls 1002 (another
 * {@code switchboard call --answer}), holds it 4 s after the answer (re-INVITE sendonly through the
 * proxy) and takes it off hold at 10 s. The held party's recording holds the default hold music's
 * notes during the hold; after it the two hear each other again, and the holder never hears the
 * music. A tenant's uploaded WAV plays instead of the default.
 */
class MusicOnHoldTest {
  @TempDir static Path dir;
  private static Switchboard sb;

  @BeforeAll
  static void serve() throws Exception {
    sb = Switchboard.start(dir.resolve("data"), 0, "--digest-challenge-order", "md5-only");
    sb.tenant("h.test", "1001", "1002");
  }

  @AfterAll
  static void stop() {
    if (sb != null) {
      sb.close();
    }
  }

  /** What each side recorded of one call that 1001 holds from 4 s to 10 s after the answer. */
  private record Recordings(Path bob, Path alice) {}

  private static Recordings holdCall(String name) throws Exception {
    Path bobHeard = dir.resolve(name + "-bob.wav");
    Path aliceHeard = dir.resolve(name + "-alice.wav");
    try (CallCli bob =
        CallCli.start(
            dir,
            sb,
            "1002",
            "h.test",
            "--answer",
            "--wait",
            "30",
            "--tone",
            "900",
            "--record",
            bobHeard.toString(),
            "--seconds",
            "16")) {
      bob.await("waiting for a call", 20);
      try (CallCli alice =
          CallCli.start(
              dir,
              sb,
              "1001",
              "h.test",
              "sip:1002@h.test",
              "--tone",
              "1400",
              "--record",
              aliceHeard.toString(),
              "--hold-at",
              "4",
              "--resume-at",
              "10",
              "--seconds",
              "15")) {
        assertThat(alice.awaitExit(40)).as(alice.output()).isZero();
        assertThat(alice.output()).contains("holding the other side", "taken off hold");
      }
      assertThat(bob.awaitExit(40)).as(bob.output()).isZero();
      assertThat(bob.output()).contains("held by the other side", "taken off hold");
    }
    return new Recordings(bobHeard, aliceHeard);
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void theHeldPartyHearsHoldMusicAndAfterUnHoldBothHearEachOther() throws Exception {
    Recordings r = holdCall("default");
    Path bobHeard = r.bob();
    Path aliceHeard = r.alice();
    String bobSays = Heard.describe(bobHeard);
    String aliceSays = Heard.describe(aliceHeard);
    // Before the hold they hear each other.
    assertThat(Heard.millis(bobHeard, 1400, 0, 4_000)).as(bobSays).isGreaterThan(2_000);
    assertThat(Heard.millis(aliceHeard, 900, 0, 4_000)).as(aliceSays).isGreaterThan(2_000);
    // During the hold 1002 hears the music's notes (C5, E5: 400 ms each per 1.6 s) and not 1001.
    assertThat(Heard.millis(bobHeard, 523.25, 4_000, 10_000)).as(bobSays).isGreaterThan(600);
    assertThat(Heard.millis(bobHeard, 659.25, 4_000, 10_000)).as(bobSays).isGreaterThan(600);
    assertThat(Heard.millis(bobHeard, 1400, 5_500, 10_000)).as(bobSays).isLessThan(200);
    // After the un-hold they hear each other again, and the music is gone.
    assertThat(Heard.millis(bobHeard, 1400, 11_500, 15_000)).as(bobSays).isGreaterThan(2_000);
    assertThat(Heard.millis(aliceHeard, 900, 11_500, 15_000)).as(aliceSays).isGreaterThan(2_000);
    assertThat(Heard.millis(bobHeard, 523.25, 11_500, 15_000)).as(bobSays).isLessThan(100);
    // The holder never hears the music.
    assertThat(Heard.millis(aliceHeard, 523.25)).as(aliceSays).isLessThan(100);
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void theTenantsUploadedMusicPlaysInsteadOfTheDefault() throws Exception {
    Path upload = dir.resolve("upload.wav");
    try (WavWriter w = WavWriter.create(upload, WavEncoding.PCM)) {
      ToneGenerator tone = ToneGenerator.sine(1000, 8000, 3_000);
      for (short[] f = tone.nextFrame(); f != null; f = tone.nextFrame()) {
        w.accept(f);
      }
    }
    String music = "/api/v1/tenants/h.test/hold-music";
    assertThat(sb.send("PUT", music, "audio/wav", Files.readAllBytes(upload)).statusCode())
        .isEqualTo(204);
    assertThat(sb.bytes(music)).isEqualTo(Files.readAllBytes(upload));
    HttpResponse<String> bad = sb.send("PUT", music, "audio/wav", "not a wav".getBytes());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("WAV");

    Recordings r = holdCall("uploaded");
    String bobSays = Heard.describe(r.bob());
    assertThat(Heard.millis(r.bob(), 1000, 5_500, 10_000)).as(bobSays).isGreaterThan(2_500);
    assertThat(Heard.millis(r.bob(), 523.25, 4_000, 10_000)).as(bobSays).isLessThan(100);

    assertThat(sb.delete(music)).isEqualTo(204);
    assertThat(sb.delete(music)).isEqualTo(404);
  }
}
