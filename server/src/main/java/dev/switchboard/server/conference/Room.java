package dev.switchboard.server.conference;

import dev.switchboard.media.FrameSink;
import dev.switchboard.media.clock.MediaClock;
import dev.switchboard.media.mix.ConferenceMixer;
import dev.switchboard.media.tone.ToneGenerator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A room while someone is in it: its mixer on the media clock and who sits there. A tone everyone
 * hears (someone joined, someone left) is a short-lived participant of its own.
 */
final class Room {
  private final String domain;
  private final String number;
  private final ConferenceMixer mixer = new ConferenceMixer();
  private final MediaClock.Registration running;
  private final List<Seat> seats = new CopyOnWriteArrayList<>();

  Room(String domain, String number, MediaClock clock) {
    this.domain = domain;
    this.number = number;
    this.running = clock.schedule(mixer);
  }

  String domain() {
    return domain;
  }

  String number() {
    return number;
  }

  List<Seat> seats() {
    return List.copyOf(seats);
  }

  void join(Seat seat, double toneHz) {
    seat.seated(mixer.join(seat.call().media(), seat));
    seats.add(seat);
    announce(toneHz);
  }

  /** Takes {@code seat} out; true when the room is now empty (and stopped). */
  boolean leave(Seat seat, double toneHz) {
    if (!seats.remove(seat)) {
      return seats.isEmpty();
    }
    mixer.leave(seat.participant());
    if (seats.isEmpty()) {
      running.cancel();
      return true;
    }
    announce(toneHz);
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
