package dev.switchboard.media.tone;

import dev.switchboard.media.FrameSink;
import dev.switchboard.media.Narrowband;

/**
 * Tells talk from silence frame by frame: a frame at or above the threshold is talk, and silence
 * begins only after a hangover of quiet frames (so the gaps between words do not count). Voicemail
 * uses it to end a message after a long silence.
 */
public final class SilenceDetector implements FrameSink {

  private final double thresholdDbfs;
  private final int hangoverFrames;
  private int quietFrames;
  private long talkFrames;
  private boolean talking;

  /**
   * @param thresholdDbfs level below which a frame is quiet (-40 dBFS is a quiet room)
   * @param hangoverMillis quiet time before silence is declared
   */
  public SilenceDetector(double thresholdDbfs, int hangoverMillis) {
    this.thresholdDbfs = thresholdDbfs;
    this.hangoverFrames = Math.max(1, hangoverMillis / Narrowband.FRAME_MILLIS);
  }

  @Override
  public void accept(short[] frame) {
    boolean loud = frame != null && SignalLevel.dbfs(frame, 0, frame.length) >= thresholdDbfs;
    if (loud) {
      talking = true;
      quietFrames = 0;
      talkFrames++;
    } else {
      quietFrames++;
      if (quietFrames >= hangoverFrames) {
        talking = false;
      }
    }
  }

  /** Whether the stream is talking now (including the hangover after the last loud frame). */
  public boolean talking() {
    return talking;
  }

  /** How long it has been silent, 0 while talking. */
  public long silentMillis() {
    return talking ? 0 : (long) quietFrames * Narrowband.FRAME_MILLIS;
  }

  /** Loud frames seen so far. */
  public long talkFrames() {
    return talkFrames;
  }
}
