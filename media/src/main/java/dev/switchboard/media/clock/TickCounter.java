package dev.switchboard.media.clock;

import dev.switchboard.media.Narrowband;

/**
 * Tells a real-time consumer how many 20 ms ticks passed without it: the media clock drops ticks
 * when it falls far behind, and a stream's timestamps or a recording's length must still follow the
 * wall clock. Used by one thread.
 */
public final class TickCounter {

  private boolean started;
  private long nextTick;

  /**
   * Records a tick; returns how many ticks were skipped since the previous one (0 when on time, and
   * for the first tick).
   */
  public int advance(long tickNanos) {
    long period = Narrowband.FRAME_NANOS;
    if (!started) {
      started = true;
      nextTick = tickNanos + period;
      return 0;
    }
    // round to whole ticks: deadlines lie on one grid, but be lenient with other callers
    long missed = Math.floorDiv(tickNanos - nextTick + period / 2, period);
    nextTick = tickNanos + period;
    return (int) Math.max(0, Math.min(missed, Integer.MAX_VALUE));
  }
}
