package dev.switchboard.media;

/** Something that takes one 20 ms frame of audio each time the media clock ticks. */
@FunctionalInterface
public interface FrameSink {

  /**
   * Takes a frame of {@link Narrowband#FRAME_SAMPLES} samples; {@code null} means "nothing this
   * tick" (the sink decides whether that is silence or a gap). The sink must copy what it keeps.
   */
  void accept(short[] frame);

  /**
   * Takes the frame of the clock tick scheduled at {@code tickNanos}. A sink that keeps real time
   * (an RTP stream's timestamps, a recording's length) uses it to account for ticks the clock had
   * to drop; the default ignores it.
   */
  default void accept(short[] frame, long tickNanos) {
    accept(frame);
  }
}
