package dev.switchboard.server.services;

import dev.switchboard.media.FrameSink;
import dev.switchboard.media.FrameSource;
import dev.switchboard.media.clock.AudioPatch;
import dev.switchboard.media.clock.MediaClock;
import dev.switchboard.media.wav.PromptPlayer;
import java.util.concurrent.Executor;

/**
 * What a service says to one call, one thing at a time: a new prompt replaces the one playing. Used
 * from the service's work thread only.
 */
public final class PromptLine {
  private final MediaClock media;
  private final FrameSink call;
  private final Executor work;
  private AudioPatch playing;

  public PromptLine(MediaClock media, FrameSink call, Executor work) {
    this.media = media;
    this.call = call;
    this.work = work;
  }

  /** Plays {@code audio} (8 kHz) once. */
  public void play(short[] audio) {
    playThen(audio, () -> {});
  }

  /** Plays {@code audio} once; {@code then} runs on the work thread if it played to its end. */
  public void playThen(short[] audio, Runnable then) {
    stop();
    AudioPatch[] self = new AudioPatch[1];
    self[0] =
        AudioPatch.untilEnd(
            media,
            new PromptPlayer(audio, false),
            call,
            () ->
                work.execute(
                    () -> {
                      if (playing == self[0]) {
                        playing = null;
                        then.run();
                      }
                    }));
    playing = self[0];
  }

  /** Plays {@code source} until stopped (a ringback tone). */
  public void play(FrameSource source) {
    stop();
    playing = AudioPatch.connect(media, source, call);
  }

  /** Stops what is playing, if anything. */
  public void stop() {
    if (playing != null) {
      playing.disconnect();
      playing = null;
    }
  }
}
