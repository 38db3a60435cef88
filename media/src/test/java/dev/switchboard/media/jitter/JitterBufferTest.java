package dev.switchboard.media.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.media.jitter.JitterBuffer.FrameKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JitterBufferTest {

  private static final long START = 0xFFFF_F000L; // close to the 32-bit wrap on purpose

  /** A frame whose every sample is its number, so the played order is visible. */
  private static short[] frame(int n) {
    short[] f = new short[160];
    java.util.Arrays.fill(f, (short) (1000 + n));
    return f;
  }

  private static void offer(JitterBuffer jb, int n) {
    jb.offer((START + 160L * n) & 0xFFFF_FFFFL, frame(n), 0);
  }

  private static int played(short[] f) {
    return f[0] - 1000;
  }

  @Test
  void waitsForItsDepthThenPlaysReorderedFramesInOrderAcrossTheTimestampWrap() {
    JitterBuffer jb = JitterBuffer.fixed(3);
    int[] arrival = {0, 2, 1, 3, 5, 4, 6, 8, 7, 9};
    List<Integer> out = new ArrayList<>();
    List<FrameKind> kinds = new ArrayList<>();
    for (int n : arrival) {
      offer(jb, n);
      short[] f = jb.poll();
      kinds.add(jb.lastKind());
      if (jb.lastKind() == FrameKind.RECEIVED) {
        out.add(played(f));
      }
    }
    for (int i = 0; i < 2; i++) {
      short[] f = jb.poll();
      if (jb.lastKind() == FrameKind.RECEIVED) {
        out.add(played(f));
      }
    }
    assertThat(kinds.subList(0, 2)).containsOnly(FrameKind.WAITING);
    assertThat(out).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(jb.stats().concealed()).isZero();
    assertThat(jb.stats().late()).isZero();
  }

  @Test
  void concealsALostFrameByRepeatingTheLastOneQuieter() {
    JitterBuffer jb = JitterBuffer.fixed(2);
    offer(jb, 0);
    offer(jb, 1);
    offer(jb, 3); // 2 is lost
    jb.poll(); // waiting
    assertThat(played(jb.poll())).isEqualTo(0);
    assertThat(played(jb.poll())).isEqualTo(1);
    short[] concealed = jb.poll();
    assertThat(jb.lastKind()).isEqualTo(FrameKind.CONCEALED);
    assertThat(concealed[0]).isEqualTo((short) (1001 * 4 / 5)); // 80 % of frame 1
    assertThat(played(jb.poll())).isEqualTo(3);
    assertThat(jb.stats().concealed()).isEqualTo(1);
  }

  @Test
  void aLongLossFadesToSilence() {
    JitterBuffer jb = JitterBuffer.fixed(1);
    short[] loud = new short[160];
    java.util.Arrays.fill(loud, (short) 1000);
    jb.offer(0, loud, 0);
    jb.poll();
    int[] levels = new int[7];
    for (int i = 0; i < levels.length; i++) {
      levels[i] = jb.poll()[0];
    }
    assertThat(levels).containsExactly(800, 600, 400, 200, 0, 0, 0);
  }

  @Test
  void dropsLateAndDuplicateFramesAndCountsThem() {
    JitterBuffer jb = JitterBuffer.fixed(1);
    offer(jb, 0);
    offer(jb, 1);
    offer(jb, 1);
    assertThat(played(jb.poll())).isEqualTo(0);
    assertThat(played(jb.poll())).isEqualTo(1);
    offer(jb, 0); // already played: late
    assertThat(jb.stats().duplicates()).isEqualTo(1);
    assertThat(jb.stats().late()).isEqualTo(1);
    assertThat(jb.stats().played()).isEqualTo(2);
  }

  @Test
  void anAdaptiveBufferDeepensAfterLatePackets() {
    JitterBuffer jb = JitterBuffer.adaptive(1, 6);
    offer(jb, 0);
    jb.poll();
    jb.poll();
    jb.poll(); // 1 and 2 missing: concealed, so 1 and 2 arrive late
    offer(jb, 1);
    offer(jb, 2);
    assertThat(jb.stats().late()).isEqualTo(2);
    assertThat(jb.stats().depthFrames()).isEqualTo(3);
  }

  @Test
  void anAdaptiveBufferShrinksWhenPersistentlyTooFull() {
    JitterBuffer jb = JitterBuffer.adaptive(1, 6);
    // a burst of 10 frames at once, then one frame per poll: 9 frames too many
    for (int n = 0; n < 10; n++) {
      offer(jb, n);
    }
    int next = 10;
    for (int i = 0; i < 200; i++) {
      jb.poll();
      offer(jb, next++);
    }
    assertThat(jb.stats().overflow()).isGreaterThan(5);
    assertThat(jb.buffered()).isLessThanOrEqualTo(3);
  }

  @Test
  void skippingDropsTheFramesOfDroppedTicks() {
    JitterBuffer jb = JitterBuffer.fixed(1);
    for (int n = 0; n < 6; n++) {
      offer(jb, n);
    }
    assertThat(played(jb.poll())).isEqualTo(0);
    jb.skip(3);
    assertThat(played(jb.poll())).isEqualTo(4);
    assertThat(jb.stats().skipped()).isEqualTo(3);
    assertThat(jb.buffered()).isEqualTo(1);
  }

  @Test
  void resynchronisesAfterAJumpInTimestamps() {
    JitterBuffer jb = JitterBuffer.fixed(1);
    offer(jb, 0);
    assertThat(played(jb.poll())).isEqualTo(0); // a depth of one frame plays at once
    offer(jb, 5000); // a restart far ahead
    assertThat(jb.stats().resyncs()).isEqualTo(1);
    assertThat(played(jb.poll())).isEqualTo(5000);
  }

  @Test
  void aSenderWhoseClockFellBehindIsFollowedNotDroppedForever() {
    JitterBuffer jb = JitterBuffer.fixed(2);
    offer(jb, 100);
    for (int i = 0; i < 5; i++) {
      jb.poll();
    }
    for (int n = 0; n < 30; n++) { // the sender restarts at an older timestamp
      offer(jb, 50 + n);
      jb.poll();
    }
    assertThat(jb.stats().resyncs()).isEqualTo(1);
    assertThat(jb.lastKind()).isEqualTo(FrameKind.RECEIVED);
  }
}
