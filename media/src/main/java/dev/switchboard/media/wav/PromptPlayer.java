package dev.switchboard.media.wav;

import dev.switchboard.media.FrameSource;
import dev.switchboard.media.Narrowband;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Plays 8 kHz audio (a prompt, a greeting, hold music) as 20 ms frames, once or looping; the last
 * partial frame is padded with silence. Returns {@code null} when it has finished.
 */
public final class PromptPlayer implements FrameSource {

  private final short[] audio;
  private final boolean loop;
  private final short[] frame = new short[Narrowband.FRAME_SAMPLES];
  private int position;
  private volatile boolean stopped;

  /** Plays {@code audio} (8 kHz samples, not copied). */
  public PromptPlayer(short[] audio, boolean loop) {
    this.audio = audio;
    this.loop = loop && audio.length > 0;
  }

  /** Plays a WAV file, resampled to 8 kHz if needed. */
  public static PromptPlayer of(Path wav, boolean loop) throws IOException {
    return new PromptPlayer(WavReader.read(wav).narrowband(), loop);
  }

  @Override
  public short[] nextFrame() {
    if (finished()) {
      return null;
    }
    for (int i = 0; i < frame.length; i++) {
      if (position >= audio.length) {
        if (loop) {
          position = 0;
        } else {
          java.util.Arrays.fill(frame, i, frame.length, (short) 0);
          break;
        }
      }
      frame[i] = audio[position++];
    }
    return frame;
  }

  /** Whether it has played to the end (never for a loop) or was stopped. */
  public boolean finished() {
    return stopped || (!loop && position >= audio.length);
  }

  /** Stops at the next frame (a caller pressed a key during the prompt). */
  public void stop() {
    stopped = true;
  }
}
