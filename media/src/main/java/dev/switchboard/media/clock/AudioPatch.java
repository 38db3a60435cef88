package dev.switchboard.media.clock;

import dev.switchboard.media.FrameSink;
import dev.switchboard.media.FrameSource;

/**
 * Connects a source to a sink on the clock, one frame per tick: a prompt to a stream, a stream to a
 * recording. With {@code stopWhenSourceEnds}, the first {@code null} from the source ends the patch
 * (a prompt played out) and runs {@code onEnd}.
 */
public final class AudioPatch implements ClockTask {

  private final FrameSource source;
  private final FrameSink sink;
  private final boolean stopWhenSourceEnds;
  private final Runnable onEnd;
  private volatile MediaClock.Registration registration;
  private volatile boolean ended;

  private AudioPatch(
      FrameSource source, FrameSink sink, boolean stopWhenSourceEnds, Runnable onEnd) {
    this.source = source;
    this.sink = sink;
    this.stopWhenSourceEnds = stopWhenSourceEnds;
    this.onEnd = onEnd;
  }

  /** Patches {@code source} into {@code sink} until cancelled. */
  public static AudioPatch connect(MediaClock clock, FrameSource source, FrameSink sink) {
    return start(clock, new AudioPatch(source, sink, false, () -> {}));
  }

  /** Patches until the source returns {@code null}, then runs {@code onEnd} on the clock thread. */
  public static AudioPatch untilEnd(
      MediaClock clock, FrameSource source, FrameSink sink, Runnable onEnd) {
    return start(clock, new AudioPatch(source, sink, true, onEnd));
  }

  private static AudioPatch start(MediaClock clock, AudioPatch patch) {
    patch.registration = clock.schedule(patch);
    if (patch.ended) { // ended on the very first tick, before the registration was stored
      patch.registration.cancel();
    }
    return patch;
  }

  @Override
  public void tick(long tickNanos) {
    if (ended) {
      return;
    }
    short[] frame = source.nextFrame(tickNanos);
    if (frame == null && stopWhenSourceEnds) {
      ended = true;
      cancel();
      onEnd.run();
      return;
    }
    sink.accept(frame, tickNanos);
  }

  /** Whether the source ended (or the patch was disconnected). */
  public boolean ended() {
    return ended;
  }

  /**
   * Stops the patch from the next tick; a tick already running on the clock thread completes, so
   * wait a tick before closing the sink.
   */
  public void disconnect() {
    ended = true;
    cancel();
  }

  private void cancel() {
    MediaClock.Registration r = registration;
    if (r != null) {
      r.cancel();
    }
  }
}
