package dev.switchboard.media.mix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.media.FrameSource;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ConferenceMixerTest {

  /** A participant's voice: a constant level, so every output sample is an exact sum. */
  private static FrameSource level(int value) {
    short[] frame = new short[160];
    Arrays.fill(frame, (short) value);
    return () -> frame;
  }

  private static final class Ear implements dev.switchboard.media.FrameSink {
    short[] last;
    int frames;

    @Override
    public void accept(short[] frame) {
      last = frame.clone();
      frames++;
    }
  }

  @Test
  void everyoneHearsTheSumOfTheOthersAndNeverThemselves() {
    ConferenceMixer mixer = new ConferenceMixer();
    int[] levels = {100, 2000, -300, 40};
    Ear[] ears = new Ear[levels.length];
    for (int i = 0; i < levels.length; i++) {
      ears[i] = new Ear();
      mixer.join(level(levels[i]), ears[i]);
    }
    mixer.tick(0);
    int total = Arrays.stream(levels).sum();
    for (int i = 0; i < levels.length; i++) {
      assertThat(ears[i].last).containsOnly((short) (total - levels[i]));
    }
    assertThat(mixer.size()).isEqualTo(4);
  }

  @Test
  void aLoneParticipantHearsSilence() {
    ConferenceMixer mixer = new ConferenceMixer();
    Ear ear = new Ear();
    mixer.join(level(5000), ear);
    mixer.tick(0);
    assertThat(ear.last).containsOnly((short) 0);
  }

  @Test
  void loudSumsSaturateInsteadOfWrapping() {
    ConferenceMixer mixer = new ConferenceMixer();
    Ear quiet = new Ear();
    Ear other = new Ear();
    mixer.join(level(30000), new Ear());
    mixer.join(level(30000), quiet);
    mixer.join(level(-32768), other);
    mixer.join(level(-32768), new Ear());
    mixer.tick(0);
    // quiet hears 30000 - 32768 - 32768: far below -32768, clipped, not wrapped positive
    assertThat(quiet.last).containsOnly(Short.MIN_VALUE);
    // a participant hearing 30000 + 30000 - 32768 = 27232 is within range
    assertThat(other.last).containsOnly((short) 27232);
    assertThat(mixer.clippedSamples()).isEqualTo(2 * 160);
    ConferenceMixer loud = new ConferenceMixer();
    Ear ear = new Ear();
    loud.join(level(20000), new Ear());
    loud.join(level(20000), new Ear());
    loud.join(level(0), ear);
    loud.tick(0);
    assertThat(ear.last).containsOnly(Short.MAX_VALUE);
  }

  @Test
  void mutedParticipantsAreReadButNotHeard() {
    ConferenceMixer mixer = new ConferenceMixer();
    int[] reads = new int[1];
    short[] frame = new short[160];
    Arrays.fill(frame, (short) 700);
    Ear a = new Ear();
    Ear b = new Ear();
    ConferenceMixer.Participant muted =
        mixer.join(
            () -> {
              reads[0]++;
              return frame;
            },
            a);
    mixer.join(level(50), b);
    muted.mute(true);
    mixer.tick(0);
    assertThat(b.last).containsOnly((short) 0);
    assertThat(a.last).containsOnly((short) 50);
    assertThat(reads[0]).isEqualTo(1);
    muted.mute(false);
    mixer.tick(1);
    assertThat(b.last).containsOnly((short) 700);
  }

  @Test
  void joinsAndLeavesTakeEffectOnTheNextTick() {
    ConferenceMixer mixer = new ConferenceMixer();
    Ear a = new Ear();
    mixer.join(level(10), a);
    ConferenceMixer.Participant b = mixer.join(level(20), new Ear());
    mixer.tick(0);
    assertThat(a.last).containsOnly((short) 20);
    mixer.leave(b);
    mixer.tick(1);
    assertThat(a.last).containsOnly((short) 0);
    assertThat(mixer.size()).isEqualTo(1);
    mixer.join(() -> null, new Ear()); // a silent source (nothing received yet)
    mixer.tick(2);
    assertThat(a.last).containsOnly((short) 0);
    assertThat(a.frames).isEqualTo(3);
  }
}
