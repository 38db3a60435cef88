package dev.switchboard.media.jitter;

import dev.switchboard.media.FrameSource;
import dev.switchboard.media.Narrowband;
import java.util.Arrays;

/**
 * A playout buffer for 20 ms frames keyed by RTP timestamp: it holds packets back for a target
 * depth, puts reordered ones back in order, drops duplicates and packets that come after their
 * playout time, and conceals a missing frame by repeating the last one, fading over five frames to
 * silence. With {@code minDepth < maxDepth} it adapts: a late packet deepens it by a frame, a
 * buffer persistently fuller than its target drops a frame, and the target creeps back down after
 * quiet periods. Thread-safe: packets arrive on the network thread and are played out on the
 * clock's.
 */
public final class JitterBuffer implements FrameSource {

  /** What the last {@link #poll()} returned. */
  public enum FrameKind {
    /** A frame that arrived. */
    RECEIVED,
    /** A repetition of the last frame (faded) or silence standing in for a missing one. */
    CONCEALED,
    /** Silence before the first packet or while filling up to the target depth. */
    WAITING
  }

  /**
   * The buffer's counters.
   *
   * @param received frames stored
   * @param played frames played out as received
   * @param concealed frames missing at their playout time (loss or underrun)
   * @param late frames that arrived after their playout time and were dropped
   * @param duplicates frames received twice
   * @param overflow frames dropped to shrink a buffer fuller than its target
   * @param resyncs restarts after a jump in timestamps (a new talkspurt far away, a restart)
   * @param skipped frames dropped unplayed because the clock skipped their ticks
   * @param depthFrames the current target depth in frames
   */
  public record Stats(
      long received,
      long played,
      long concealed,
      long late,
      long duplicates,
      long overflow,
      long resyncs,
      long skipped,
      int depthFrames) {}

  private static final int FADE_FRAMES = 5;
  private static final int LATE_STREAK_RESYNC = 10;
  private static final int QUIET_POLLS_BEFORE_SHRINK = 250; // 5 s without a late packet

  private final int frameSamples = Narrowband.FRAME_SAMPLES;
  private final int minDepth;
  private final int maxDepth;
  private final int capacity;
  private final long[] slotTimestamp;
  private final short[][] slotSamples;
  private final boolean[] slotFull;
  private final short[] concealment = new short[Narrowband.FRAME_SAMPLES];
  private final short[] silence = new short[Narrowband.FRAME_SAMPLES];
  private final short[] lastPlayed = new short[Narrowband.FRAME_SAMPLES];

  private int target;
  private boolean started;
  private boolean anyBuffered;
  private int pollsWhileWaiting;
  // playout position as an unwrapped (64-bit) RTP timestamp
  private long playout;
  private int buffered;
  private long newest;
  private int consecutiveConcealed = FADE_FRAMES;
  private int pollsSinceLate;
  private int pollsOverTarget;
  private int stretch;
  private int consecutiveLate;
  private FrameKind lastKind = FrameKind.WAITING;

  private long received;
  private long played;
  private long concealed;
  private long late;
  private long duplicates;
  private long overflow;
  private long resyncs;
  private long skipped;

  /** A fixed-depth buffer of {@code depth} frames. */
  public static JitterBuffer fixed(int depth) {
    return new JitterBuffer(depth, depth);
  }

  /** An adaptive buffer between {@code minDepth} and {@code maxDepth} frames, starting at min. */
  public static JitterBuffer adaptive(int minDepth, int maxDepth) {
    return new JitterBuffer(minDepth, maxDepth);
  }

  private JitterBuffer(int minDepth, int maxDepth) {
    if (minDepth < 1 || maxDepth < minDepth || maxDepth > 50) {
      throw new IllegalArgumentException(
          "jitter buffer depth must be 1 <= min <= max <= 50 frames: "
              + minDepth
              + ", "
              + maxDepth);
    }
    this.minDepth = minDepth;
    this.maxDepth = maxDepth;
    this.target = minDepth;
    this.capacity = 2 * maxDepth + 16;
    this.slotTimestamp = new long[capacity];
    this.slotSamples = new short[capacity][Narrowband.FRAME_SAMPLES];
    this.slotFull = new boolean[capacity];
  }

  /**
   * Stores one frame.
   *
   * @param rtpTimestamp the frame's 32-bit RTP timestamp (its first sample)
   * @param samples {@link Narrowband#FRAME_SAMPLES} samples from {@code offset}; copied
   */
  public synchronized void offer(long rtpTimestamp, short[] samples, int offset) {
    long ts = unwrap(rtpTimestamp);
    if (!anyBuffered && !started) {
      playout = ts;
      newest = ts;
    } else if (!started && ts < playout) {
      if (playout - ts < (long) capacity * frameSamples) {
        playout = ts; // a reordered packet from before the first one: start there
      }
    }
    long ahead = Math.floorDiv(ts - playout, frameSamples);
    if (ahead < 0) {
      if (-ahead > capacity) {
        resync(ts);
        ahead = 0;
      } else if (++consecutiveLate > LATE_STREAK_RESYNC) {
        // the sender's clock has fallen behind ours for good (a slower clock, a paused
        // timestamp): start again from its position instead of dropping everything
        resync(ts);
        ahead = 0;
      } else {
        late++;
        pollsSinceLate = 0;
        if (target < maxDepth) {
          target++;
          stretch++; // hold playout one frame so the buffer actually deepens
        }
        return;
      }
    } else if (ahead >= capacity) {
      resync(ts);
      ahead = 0;
    }
    consecutiveLate = 0;
    int slot = slotOf(playout + ahead * frameSamples);
    if (slotFull[slot]) {
      duplicates++;
      return;
    }
    slotFull[slot] = true;
    slotTimestamp[slot] = playout + ahead * frameSamples;
    System.arraycopy(samples, offset, slotSamples[slot], 0, frameSamples);
    buffered++;
    anyBuffered = true;
    newest = Math.max(newest, slotTimestamp[slot]);
    received++;
  }

  private void resync(long ts) {
    resyncs++;
    Arrays.fill(slotFull, false);
    consecutiveLate = 0;
    buffered = 0;
    started = false;
    pollsWhileWaiting = 0;
    playout = ts;
    newest = ts;
  }

  private long unwrap(long rtpTimestamp) {
    // nearest 64-bit value to the playout position with these low 32 bits
    return playout + (int) (rtpTimestamp - playout);
  }

  private int slotOf(long ts) {
    return (int) Math.floorMod(Math.floorDiv(ts, frameSamples), (long) capacity);
  }

  /** The next frame to play; never {@code null} (silence while waiting or after a long loss). */
  @Override
  public short[] nextFrame() {
    return poll();
  }

  /** The next frame to play; see {@link #lastKind()} for what it was. */
  public synchronized short[] poll() {
    if (!started) {
      if (!anyBuffered || ++pollsWhileWaiting < target) {
        lastKind = FrameKind.WAITING;
        return silence;
      }
      started = true;
    }
    if (stretch > 0) {
      stretch--;
      return conceal();
    }
    adaptDown();
    int slot = slotOf(playout);
    if (slotFull[slot] && slotTimestamp[slot] == playout) {
      slotFull[slot] = false;
      buffered--;
      playout += frameSamples;
      System.arraycopy(slotSamples[slot], 0, lastPlayed, 0, frameSamples);
      consecutiveConcealed = 0;
      played++;
      lastKind = FrameKind.RECEIVED;
      return slotSamples[slot];
    }
    playout += frameSamples;
    return conceal();
  }

  /**
   * Drops the next {@code frames} frames unplayed (the clock skipped their ticks), keeping the
   * playout position on real time.
   */
  public synchronized void skip(int frames) {
    if (!started) {
      return;
    }
    for (int i = 0; i < frames; i++) {
      int slot = slotOf(playout);
      if (slotFull[slot] && slotTimestamp[slot] == playout) {
        slotFull[slot] = false;
        buffered--;
      }
      playout += frameSamples;
      skipped++;
    }
  }

  private void adaptDown() {
    if (minDepth == maxDepth) {
      return;
    }
    if (++pollsSinceLate >= QUIET_POLLS_BEFORE_SHRINK && target > minDepth) {
      target--;
      pollsSinceLate = 0;
    }
    long depthNow = (newest - playout) / frameSamples + 1;
    pollsOverTarget = buffered > 0 && depthNow > target + 1 ? pollsOverTarget + 1 : 0;
    if (pollsOverTarget >= 10) {
      // fuller than needed for 200 ms: drop the oldest frame to cut the delay by 20 ms
      int slot = slotOf(playout);
      if (slotFull[slot] && slotTimestamp[slot] == playout) {
        slotFull[slot] = false;
        buffered--;
      }
      playout += frameSamples;
      overflow++;
      pollsOverTarget = 0;
    }
  }

  private short[] conceal() {
    concealed++;
    lastKind = FrameKind.CONCEALED;
    consecutiveConcealed++;
    if (consecutiveConcealed >= FADE_FRAMES) {
      return silence;
    }
    // repeat the last frame, quieter each time: 80 %, 60 %, 40 %, 20 %
    int left = FADE_FRAMES - consecutiveConcealed;
    for (int i = 0; i < frameSamples; i++) {
      concealment[i] = (short) (lastPlayed[i] * left / FADE_FRAMES);
    }
    return concealment;
  }

  /** What the last poll returned. */
  public synchronized FrameKind lastKind() {
    return lastKind;
  }

  /** Frames waiting to be played. */
  public synchronized int buffered() {
    return buffered;
  }

  /** A snapshot of the counters. */
  public synchronized Stats stats() {
    return new Stats(
        received, played, concealed, late, duplicates, overflow, resyncs, skipped, target);
  }
}
