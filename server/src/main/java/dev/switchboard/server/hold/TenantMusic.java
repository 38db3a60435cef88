package dev.switchboard.server.hold;

import dev.switchboard.media.FrameSource;
import dev.switchboard.media.wav.PromptPlayer;
import dev.switchboard.server.services.Prompt;
import dev.switchboard.store.media.HoldMusicFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tenant's hold music as endless audio: its uploaded WAV, else the generated default. Heard by a
 * held party and by callers waiting in a group's queue.
 */
public final class TenantMusic {
  private static final Logger log = LoggerFactory.getLogger(TenantMusic.class);

  /** The notes of the generated default hold music (C5, E5, G5). */
  public static final double[] DEFAULT_NOTES = {523.25, 659.25, 783.99};

  private final HoldMusicFiles uploads;

  public TenantMusic(HoldMusicFiles uploads) {
    this.uploads = uploads;
  }

  /** The music of {@code domain}, looping, from its start. */
  public FrameSource of(String domain) {
    Path own;
    try {
      own = uploads.music(domain).orElse(null);
    } catch (RuntimeException e) {
      own = null; // not a domain we keep music for
    }
    if (own != null) {
      try {
        return PromptPlayer.of(own, true);
      } catch (IOException | RuntimeException e) {
        log.warn("hold music of {} cannot be read: the default plays", domain, e);
      }
    }
    return new PromptPlayer(defaultMusic(), true);
  }

  /** Three notes of 400 ms and a 400 ms rest, over and over. */
  static short[] defaultMusic() {
    return Prompt.concat(
        Prompt.tone(DEFAULT_NOTES[0], 400),
        Prompt.tone(DEFAULT_NOTES[1], 400),
        Prompt.tone(DEFAULT_NOTES[2], 400),
        Prompt.silence(400));
  }
}
