package dev.switchboard.media;

/** Something that takes one 20 ms frame of audio each time the media clock ticks. */
@FunctionalInterface
public interface FrameSink {

  /**
   * Takes a frame of {@link Narrowband#FRAME_SAMPLES} samples; {@code null} means "nothing this
   * tick" (the sink decides whether that is silence or a gap). The sink must copy what it keeps.
   */
  void accept(short[] frame);
}
