package dev.switchboard.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.media.codec.G711;
import dev.switchboard.media.tone.ToneGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DtmfDetectorTest {

  private static final String ALL_KEYS = "0123456789*#ABCD";

  /** Keys of {@code toneMillis} with {@code gapMillis} silence between, plus white noise. */
  private static short[] keys(
      String keys, int toneMillis, int gapMillis, int amplitude, double noiseRms, long seed) {
    int per = (toneMillis + gapMillis) * 8;
    short[] out = new short[per * keys.length() + 800];
    Random random = new Random(seed);
    for (int k = 0; k < keys.length(); k++) {
      short[] tone = ToneGenerator.dtmf(keys.charAt(k), amplitude, toneMillis).render(toneMillis);
      System.arraycopy(tone, 0, out, k * per, tone.length);
    }
    for (int i = 0; i < out.length; i++) {
      int v = out[i] + (int) Math.round(random.nextGaussian() * noiseRms);
      out[i] = (short) Math.max(-32768, Math.min(32767, v));
    }
    return out;
  }

  private static List<Character> detect(short[] audio) {
    List<Character> found = new ArrayList<>();
    DtmfDetector detector = new DtmfDetector(d -> found.add(d.digit()));
    for (int i = 0; i < audio.length; i += 160) {
      detector.accept(audio, i, Math.min(160, audio.length - i));
    }
    detector.flush();
    return found;
  }

  private static List<Character> chars(String s) {
    return s.chars().mapToObj(c -> (char) c).toList();
  }

  @Test
  void findsEveryKeyInCleanAudio() {
    assertThat(detect(keys(ALL_KEYS, 100, 100, 6000, 0, 1))).isEqualTo(chars(ALL_KEYS));
  }

  @Test
  void findsEveryKeyUnderNoiseAt15DbSnr() {
    // each tone 6000 peak: tone pair RMS ~6000; noise RMS ~1070 is 15 dB below
    for (long seed = 1; seed <= 5; seed++) {
      assertThat(detect(keys(ALL_KEYS, 100, 100, 6000, 1070, seed))).isEqualTo(chars(ALL_KEYS));
    }
  }

  @Test
  void findsKeysAfterAG711RoundTripAndAtLowLevel() {
    short[] audio = keys("147*2580#369", 70, 60, 1200, 50, 7);
    for (G711 codec : G711.values()) {
      byte[] coded = new byte[audio.length];
      codec.encode(audio, 0, audio.length, coded, 0);
      short[] decoded = new short[audio.length];
      codec.decode(coded, 0, coded.length, decoded, 0);
      assertThat(detect(decoded)).as("%s", codec).isEqualTo(chars("147*2580#369"));
    }
  }

  @Test
  void aHeldKeyIsOneKeyWithItsDuration() {
    List<DtmfDigit> found = new ArrayList<>();
    DtmfDetector detector = new DtmfDetector(found::add);
    short[] audio = keys("5", 1000, 200, 6000, 300, 3);
    detector.accept(audio, 0, audio.length);
    assertThat(found).hasSize(1);
    assertThat(found.get(0).duration().toMillis()).isBetween(950L, 1030L);
  }

  @Test
  void noKeysInNoiseSingleTonesOrTonesWithBadTwist() {
    Random random = new Random(5);
    short[] noise = new short[8000 * 5];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (short) (random.nextGaussian() * 4000);
    }
    assertThat(detect(noise)).isEmpty();
    assertThat(detect(ToneGenerator.sine(697, 8000).render(2000))).isEmpty();
    assertThat(detect(ToneGenerator.sine(1000, 8000).render(2000))).isEmpty();
    // 770 Hz 12 dB stronger than 1336 Hz: outside the 8 dB twist limit
    short[] twisted = new ToneGenerator(new double[] {770}, 8000, new int[0], 0).render(1000);
    short[] weak = new ToneGenerator(new double[] {1336}, 2000, new int[0], 0).render(1000);
    for (int i = 0; i < twisted.length; i++) {
      twisted[i] += weak[i];
    }
    assertThat(detect(twisted)).isEmpty();
    // a tone of 30 ms is too short to be a key
    assertThat(detect(keys("1", 30, 300, 6000, 0, 1))).isEmpty();
  }
}
