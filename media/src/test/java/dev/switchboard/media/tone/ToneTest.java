package dev.switchboard.media.tone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.media.Narrowband;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ToneTest {

  @Test
  void aSineHasItsFrequencyAndAmplitude() {
    short[] tone = ToneGenerator.sine(1000, 10000).render(1000);
    FrequencyAnalyzer analyzer = new FrequencyAnalyzer();
    analyzer.accept(tone);
    assertThat(analyzer.dominantFrequency()).isCloseTo(1000, within(2.0));
    assertThat(analyzer.shareNear(1000, 10)).isGreaterThan(0.99);
    assertThat(SignalLevel.rms(tone, 0, tone.length)).isCloseTo(10000 / Math.sqrt(2), within(20.0));
  }

  @Test
  void findsOddFrequenciesWithinAFewHertzEvenUnderNoise() {
    Random random = new Random(3);
    for (double f : new double[] {310, 437, 853.5, 1777, 3100}) {
      short[] tone = ToneGenerator.sine(f, 4000).render(2000);
      for (int i = 0; i < tone.length; i++) {
        tone[i] += (short) (random.nextGaussian() * 800);
      }
      FrequencyAnalyzer analyzer = new FrequencyAnalyzer();
      analyzer.accept(tone);
      assertThat(analyzer.dominantFrequency()).as("%s Hz", f).isCloseTo(f, within(3.0));
    }
  }

  @Test
  void separatesTwoTonesInAMix() {
    short[] a = ToneGenerator.sine(500, 6000).render(1000);
    short[] b = ToneGenerator.sine(1300, 3000).render(1000);
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
    FrequencyAnalyzer analyzer = new FrequencyAnalyzer();
    analyzer.accept(a);
    var peaks = analyzer.peaks(2);
    assertThat(peaks.get(0).frequency()).isCloseTo(500, within(2.0));
    assertThat(peaks.get(1).frequency()).isCloseTo(1300, within(2.0));
    assertThat(peaks.get(0).share()).isCloseTo(0.8, within(0.03));
    assertThat(analyzer.shareNear(900, 20)).isLessThan(0.001);
  }

  @Test
  void cadencedTonesAreOnAndOffOnTime() {
    ToneGenerator busy = CallProgressTone.BUSY_NA.generator(4000);
    short[] second = busy.render(1000);
    double on = SignalLevel.dbfs(second, 0, 4000);
    double off = SignalLevel.dbfs(second, 4000, 4000);
    assertThat(on).isGreaterThan(-20);
    assertThat(off).isEqualTo(-120);
    FrequencyAnalyzer analyzer = new FrequencyAnalyzer();
    analyzer.accept(CallProgressTone.RINGBACK_CN.generator(8000).render(1000));
    assertThat(analyzer.dominantFrequency()).isCloseTo(450, within(2.0));
  }

  @Test
  void aLimitedToneEndsWithNullFrames() {
    ToneGenerator tone = ToneGenerator.sine(400, 1000, 40);
    assertThat(tone.nextFrame()).hasSize(Narrowband.FRAME_SAMPLES);
    assertThat(tone.nextFrame()).isNotNull();
    assertThat(tone.nextFrame()).isNull();
    assertThat(tone.finished()).isTrue();
  }

  @Test
  void silenceDetectorWaitsForItsHangover() {
    SilenceDetector detector = new SilenceDetector(-40, 100);
    ToneGenerator talk = ToneGenerator.sine(300, 3000);
    for (int i = 0; i < 10; i++) {
      detector.accept(talk.nextFrame());
    }
    assertThat(detector.talking()).isTrue();
    for (int i = 0; i < 4; i++) {
      detector.accept(new short[160]);
    }
    assertThat(detector.talking()).isTrue();
    detector.accept(null);
    assertThat(detector.talking()).isFalse();
    for (int i = 0; i < 45; i++) {
      detector.accept(new short[160]);
    }
    assertThat(detector.silentMillis()).isEqualTo(1000);
  }

  @Test
  void goertzelPowerOfASineIsItsEnergyTimesHalfN() {
    short[] tone = ToneGenerator.sine(1000, 1000).render(100);
    double power = new Goertzel(1000, 8000).power(tone, 0, 800);
    assertThat(Math.sqrt(power)).isCloseTo(1000 * 800 / 2.0, within(400.0));
  }
}
