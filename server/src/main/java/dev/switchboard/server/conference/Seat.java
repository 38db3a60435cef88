package dev.switchboard.server.conference;

import dev.switchboard.media.FrameSink;
import dev.switchboard.media.Narrowband;
import dev.switchboard.media.clock.AudioPatch;
import dev.switchboard.media.mix.ConferenceMixer;
import dev.switchboard.media.wav.PromptPlayer;
import dev.switchboard.ua.Call;
import java.time.Instant;

/**
 * One caller's place in a room: what the mixer gives them goes to their call, with a prompt only
 * they hear (mute, unmute) laid over it. The mixer calls {@link #accept} on the clock thread.
 */
final class Seat implements FrameSink {
  private final Call call;
  private final Instant joinedAt;
  private final short[] out = new short[Narrowband.FRAME_SAMPLES];
  private volatile PromptPlayer aside;
  private volatile ConferenceMixer.Participant participant;
  private AudioPatch[] waitingPatches; // hold tone out, keys in, while waiting for a moderator

  Seat(Call call, Instant joinedAt) {
    this.call = call;
    this.joinedAt = joinedAt;
  }

  void seated(ConferenceMixer.Participant p) {
    this.participant = p;
  }

  void waitWith(AudioPatch... patches) {
    this.waitingPatches = patches;
  }

  /** Stops the hold tone of a wait for the moderator (if any). */
  void endWait() {
    if (waitingPatches != null) {
      for (AudioPatch p : waitingPatches) {
        p.disconnect();
      }
      waitingPatches = null;
    }
  }

  ConferenceMixer.Participant participant() {
    return participant;
  }

  Call call() {
    return call;
  }

  Instant joinedAt() {
    return joinedAt;
  }

  boolean muted() {
    ConferenceMixer.Participant p = participant;
    return p != null && p.muted();
  }

  /** Plays {@code audio} to this caller alone, over the room. */
  void whisper(short[] audio) {
    aside = new PromptPlayer(audio, false);
  }

  @Override
  public void accept(short[] frame) {
    accept(frame, System.nanoTime());
  }

  @Override
  public void accept(short[] frame, long tickNanos) {
    PromptPlayer a = aside;
    short[] extra = a == null ? null : a.nextFrame();
    if (extra == null) {
      if (a != null) {
        aside = null;
      }
      call.media().accept(frame, tickNanos);
      return;
    }
    for (int i = 0; i < out.length; i++) {
      int v = (frame == null ? 0 : frame[i]) + extra[i];
      out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }
    call.media().accept(out, tickNanos);
  }
}
