package dev.switchboard.server.conference;

import dev.switchboard.media.FrameSink;
import dev.switchboard.media.FrameSource;
import dev.switchboard.media.clock.AudioPatch;
import dev.switchboard.media.clock.MediaClock;
import dev.switchboard.media.mix.ConferenceMixer;
import dev.switchboard.media.tone.ToneGenerator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A room while someone is in it: its mixer on the media clock and who sits there. A tone everyone
 * hears (someone joined, someone left) is a short-lived participant of its own. In a room that
 * waits for its moderator, callers wait on hold outside the mix until a moderator joins.
 */
final class Room {
  private final String domain;
  private final String number;
  private final ConferenceMixer mixer = new ConferenceMixer();
  private final MediaClock.Registration running;
  private final List<Seat> seats = new CopyOnWriteArrayList<>();
  private final List<Seat> waiting = new CopyOnWriteArrayList<>();
  private final MediaClock clock;
  private boolean moderated; // a moderator has joined; touched on the service's thread only

  Room(String domain, String number, MediaClock clock) {
    this.domain = domain;
    this.number = number;
    this.clock = clock;
    this.running = clock.schedule(mixer);
  }

  String domain() {
    return domain;
  }

  String number() {
    return number;
  }

  /** Everyone in the room, those waiting for the moderator too. */
  List<Seat> seats() {
    List<Seat> all = new java.util.ArrayList<>(seats);
    all.addAll(waiting);
    return all;
  }

  /** Whether a moderator has joined since the room opened. */
  boolean moderated() {
    return moderated;
  }

  void join(Seat seat, double toneHz) {
    seat.seated(mixer.join(seat.call().media(), seat));
    seats.add(seat);
    announce(toneHz);
  }

  /** Seats a moderator, and with them everyone who waited. */
  void joinAsModerator(Seat seat, double toneHz) {
    moderated = true;
    for (Seat w : waiting) {
      w.endWait();
      w.seated(mixer.join(w.call().media(), w));
      seats.add(w);
    }
    waiting.clear();
    join(seat, toneHz);
  }

  /** Puts {@code seat} on hold (hearing {@code hold}) until a moderator joins. */
  void await(Seat seat, FrameSource hold) {
    seat.waitWith(
        AudioPatch.connect(clock, hold, seat.call().media()),
        // Keys are read in the stream's playout, which runs only while someone reads it.
        AudioPatch.connect(clock, seat.call().media(), frame -> {}));
    waiting.add(seat);
  }

  /** Takes {@code seat} out; true when the room is now empty (and stopped). */
  boolean leave(Seat seat, double toneHz) {
    if (waiting.remove(seat)) {
      seat.endWait();
      return stopIfEmpty();
    }
    if (!seats.remove(seat)) {
      return seats.isEmpty() && waiting.isEmpty();
    }
    mixer.leave(seat.participant());
    if (stopIfEmpty()) {
      return true;
    }
    announce(toneHz);
    return false;
  }

  private boolean stopIfEmpty() {
    if (seats.isEmpty() && waiting.isEmpty()) {
      running.cancel();
      return true;
    }
    return false;
  }

  private void announce(double hz) {
    ToneGenerator tone = ToneGenerator.sine(hz, 6000, 300);
    ConferenceMixer.Participant[] self = new ConferenceMixer.Participant[1];
    FrameSink deaf =
        frame -> {
          if (tone.finished() && self[0] != null) {
            mixer.leave(self[0]);
            self[0] = null;
          }
        };
    self[0] = mixer.join(tone, deaf);
  }
}
