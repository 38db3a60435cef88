package dev.switchboard.media.wav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.media.MalformedMediaException;
import dev.switchboard.media.codec.G711;
import dev.switchboard.media.testing.Sox;
import dev.switchboard.media.tone.FrequencyAnalyzer;
import dev.switchboard.media.tone.SignalLevel;
import dev.switchboard.media.tone.ToneGenerator;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavTest {

  @TempDir Path dir;

  private static double dominant(short[] samples) {
    FrequencyAnalyzer analyzer = new FrequencyAnalyzer();
    analyzer.accept(samples);
    return analyzer.dominantFrequency();
  }

  @Test
  void pcmWrittenThenReadIsTheSameSamples() throws Exception {
    short[] tone = ToneGenerator.sine(700, 12000).render(500);
    Path file = dir.resolve("pcm.wav");
    WavWriter.write(file, WavEncoding.PCM, tone);
    assertThat(Files.size(file)).isEqualTo(44 + 2L * tone.length);
    WavAudio back = WavReader.read(file);
    assertThat(back.sampleRate()).isEqualTo(8000);
    assertThat(back.encoding()).isEqualTo(WavEncoding.PCM);
    assertThat(back.samples()).isEqualTo(tone);
  }

  @Test
  void g711WavsReadBackAsTheirDecodedCodes() throws Exception {
    short[] tone = ToneGenerator.sine(700, 12000).render(333);
    for (WavEncoding encoding : new WavEncoding[] {WavEncoding.MULAW, WavEncoding.ALAW}) {
      G711 codec = encoding == WavEncoding.MULAW ? G711.PCMU : G711.PCMA;
      Path file = dir.resolve(encoding + ".wav");
      WavWriter.write(file, encoding, tone);
      short[] back = WavReader.read(file).samples();
      assertThat(back).hasSize(tone.length);
      for (int i = 0; i < tone.length; i++) {
        assertThat(back[i]).isEqualTo(codec.decodeSample(codec.encodeSample(tone[i])));
      }
    }
  }

  @Test
  void recordingFrameByFrameKeepsTimeThroughMissingFrames() throws Exception {
    Path file = dir.resolve("rec.wav");
    ToneGenerator tone = ToneGenerator.sine(1000, 8000);
    try (WavWriter writer = WavWriter.create(file, WavEncoding.PCM)) {
      for (int i = 0; i < 50; i++) {
        writer.accept(i % 10 == 9 ? null : tone.nextFrame());
      }
      assertThat(writer.millis()).isEqualTo(1000);
    }
    assertThat(WavReader.read(file).samples()).hasSize(8000);
  }

  /** sox, an independent reader, agrees on the headers and the audio of our files. */
  @Test
  void soxReadsWhatWeWrite() throws Exception {
    short[] tone = ToneGenerator.sine(1234, 10000).render(1000);
    for (WavEncoding encoding : WavEncoding.values()) {
      Path file = dir.resolve("ours-" + encoding + ".wav");
      WavWriter.write(file, encoding, tone);
      String info = Sox.run("--i", file.toString());
      assertThat(info).contains("Sample Rate    : 8000").contains("Channels       : 1");
      assertThat(info).contains("Duration       : 00:00:01.00 = 8000 samples");
      assertThat(info)
          .contains(
              switch (encoding) {
                case PCM -> "16-bit Signed Integer PCM";
                case MULAW -> "u-law";
                case ALAW -> "A-law";
              });
      Path raw = dir.resolve("sox-" + encoding + ".s16");
      Sox.run(file.toString(), "-t", "raw", "-e", "signed", "-b", "16", raw.toString());
      ByteBuffer decoded = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
      short[] ours = WavReader.read(file).samples();
      for (short s : ours) {
        assertThat(decoded.getShort()).isEqualTo(s);
      }
    }
  }

  /** Files sox makes in many formats and rates read as a 1 kHz tone of the right length. */
  @Test
  void readsWhatSoxWritesInEveryFormatWeClaim() throws Exception {
    String[][] formats = {
      {"-r", "8000", "-e", "signed", "-b", "16", "-c", "1"},
      {"-r", "8000", "-e", "u-law", "-c", "1"},
      {"-r", "8000", "-e", "a-law", "-c", "1"},
      {"-r", "8000", "-e", "unsigned", "-b", "8", "-c", "1"},
      {"-r", "16000", "-e", "signed", "-b", "16", "-c", "1"},
      {"-r", "44100", "-e", "signed", "-b", "24", "-c", "2"},
      {"-r", "48000", "-e", "signed", "-b", "32", "-c", "1"},
      {"-r", "22050", "-e", "signed", "-b", "16", "-c", "2"},
    };
    int n = 0;
    for (String[] format : formats) {
      Path file = dir.resolve("sox-" + n++ + ".wav");
      List<String> args = new ArrayList<>(List.of("-n"));
      args.addAll(List.of(format));
      args.addAll(List.of(file.toString(), "synth", "1", "sine", "1000", "vol", "0.5"));
      Sox.run(args.toArray(String[]::new));
      WavAudio audio = WavReader.read(file);
      short[] narrow = audio.narrowband();
      assertThat(narrow.length).as("%s", String.join(" ", format)).isBetween(7990, 8000);
      assertThat(dominant(narrow)).as("%s", String.join(" ", format)).isCloseTo(1000, within(2.0));
      // sox's "vol 0.5" gives a 0.5 full-scale sine: RMS about -6 dBFS
      assertThat(SignalLevel.dbfs(narrow, 800, 6400)).isCloseTo(-6.0, within(0.6));
    }
  }

  @Test
  void resamplingRemovesWhatCannotBeCarriedAt8kHz() {
    // 5 kHz at 16 kHz is above 4 kHz: after resampling to 8 kHz it must be gone, not aliased to 3
    // kHz
    short[] at16k = new short[16000];
    for (int i = 0; i < at16k.length; i++) {
      at16k[i] = (short) (10000 * Math.sin(2 * Math.PI * 5000 * i / 16000.0));
    }
    short[] narrow = Resampler.resample(at16k, 16000, 8000);
    assertThat(SignalLevel.dbfs(narrow, 400, 7000)).isLessThan(-50);
  }

  @Test
  void refusesFilesItCannotReadWithTheReason() throws Exception {
    assertThatThrownBy(() -> WavReader.read("hello world, not a wave".getBytes()))
        .isInstanceOf(MalformedMediaException.class)
        .hasMessageContaining("not a RIFF/WAVE");
    Path adpcm = dir.resolve("adpcm.wav");
    Sox.run(
        "-n",
        "-r",
        "8000",
        "-e",
        "ima-adpcm",
        "-c",
        "1",
        adpcm.toString(),
        "synth",
        "0.2",
        "sine",
        "500");
    assertThatThrownBy(() -> WavReader.read(adpcm))
        .isInstanceOf(MalformedMediaException.class)
        .hasMessageContaining("adpcm.wav")
        .hasMessageContaining("format tag 17");
    byte[] good = Files.readAllBytes(adpcm);
    byte[] noData = java.util.Arrays.copyOf(good, 36);
    assertThatThrownBy(() -> WavReader.read(noData)).isInstanceOf(MalformedMediaException.class);
    Path pcm = dir.resolve("pcm.wav");
    WavWriter.write(pcm, WavEncoding.PCM, new short[100]);
    byte[] bytes = Files.readAllBytes(pcm);
    bytes[22] = 0; // zero channels
    assertThatThrownBy(() -> WavReader.read(bytes)).hasMessageContaining("0 channels");
  }

  @Test
  void aPromptPlaysInFramesPaddedWithSilenceThenEnds() {
    short[] audio = new short[400];
    java.util.Arrays.fill(audio, (short) 5);
    PromptPlayer player = new PromptPlayer(audio, false);
    assertThat(player.nextFrame()[159]).isEqualTo((short) 5);
    assertThat(player.nextFrame()[159]).isEqualTo((short) 5);
    short[] last = player.nextFrame();
    assertThat(last[79]).isEqualTo((short) 5);
    assertThat(last[80]).isZero();
    assertThat(player.nextFrame()).isNull();
    PromptPlayer loop = new PromptPlayer(audio, true);
    for (int i = 0; i < 10; i++) {
      assertThat(loop.nextFrame()).containsOnly(5);
    }
    loop.stop();
    assertThat(loop.nextFrame()).isNull();
  }
}
