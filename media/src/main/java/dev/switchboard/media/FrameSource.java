package dev.switchboard.media;

/** Something that yields one 20 ms frame of audio each time the media clock ticks. */
@FunctionalInterface
public interface FrameSource {

  /**
   * The next frame ({@link Narrowband#FRAME_SAMPLES} samples), or {@code null} when the source has
   * nothing to say this tick (end of a prompt, a muted party, no packets yet). The caller may keep
   * the array only until the next call.
   */
  short[] nextFrame();

  /**
   * The frame for the clock tick scheduled at {@code tickNanos}. A source that keeps real time (a
   * stream's playout) uses it to skip the frames of ticks the clock had to drop; the default
   * ignores it.
   */
  default short[] nextFrame(long tickNanos) {
    return nextFrame();
  }
}
