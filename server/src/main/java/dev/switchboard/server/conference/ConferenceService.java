package dev.switchboard.server.conference;

import static dev.switchboard.server.services.Prompt.concat;
import static dev.switchboard.server.services.Prompt.silence;
import static dev.switchboard.server.services.Prompt.tone;

import dev.switchboard.media.clock.AudioPatch;
import dev.switchboard.media.tone.ToneGenerator;
import dev.switchboard.server.services.MediaServices;
import dev.switchboard.server.services.PromptLine;
import dev.switchboard.server.services.ServiceAgent;
import dev.switchboard.sip.transaction.ServerTransaction;
import dev.switchboard.store.StoreException;
import dev.switchboard.store.media.ConferenceParticipant;
import dev.switchboard.store.media.ConferenceRoom;
import dev.switchboard.store.media.ConferenceRooms;
import dev.switchboard.store.media.ConferenceRoster;
import dev.switchboard.ua.Call;
import dev.switchboard.ua.CallEnd;
import dev.switchboard.ua.CallListener;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conference rooms: answers calls to a tenant's room numbers, asks for the room's PIN (ended by
 * {@code #}) when it has one (or a moderator PIN), and seats the caller in the room's mix; everyone
 * hears a tone when someone joins or leaves, and {@code *} mutes or unmutes oneself. In a room that
 * waits for its moderator, the others hear a hold tone until the moderator joins.
 */
public final class ConferenceService
    implements MediaServices.NumberedService, ConferenceRoster, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConferenceService.class);

  static final double PIN_PROMPT_HZ = 600;
  static final double WRONG_PIN_HZ = 300;
  static final double JOIN_HZ = 1300;
  static final double LEAVE_HZ = 650;
  static final double MUTED_HZ = 350;
  static final double UNMUTED_HZ = 1500;

  /** The hold tone of callers waiting for the moderator: 440 Hz, one second on, one off. */
  public static final double WAITING_HZ = 440;

  static final int MAX_WRONG_PINS = 3;
  private static final int MAX_PIN = 12;

  private final ServiceAgent agent;
  private final ConferenceRooms rooms;
  private final Clock clock;
  private final ConcurrentHashMap<String, Room> open = new ConcurrentHashMap<>();

  public ConferenceService(ServiceAgent agent, ConferenceRooms rooms, Clock clock) {
    this.agent = agent;
    this.rooms = rooms;
    this.clock = clock;
  }

  @Override
  public boolean serves(String domain, String number) {
    return rooms.exists(domain, number);
  }

  @Override
  public void take(ServerTransaction tx, String domain, String number) {
    String d = domain.toLowerCase(Locale.ROOT);
    agent.take(
        tx, () -> room(d, number), 404, (call, room) -> new Attendee(call, d, room).answer());
  }

  private Optional<ConferenceRoom> room(String domain, String number) {
    try {
      return rooms.room(domain, number);
    } catch (StoreException | java.io.UncheckedIOException e) {
      log.warn("room {} of {} cannot be read", number, domain, e);
      return Optional.empty();
    }
  }

  @Override
  public List<ConferenceParticipant> participants(String domain) {
    String d = domain.toLowerCase(Locale.ROOT);
    List<ConferenceParticipant> out = new ArrayList<>();
    for (Room r : open.values()) {
      if (r.domain().equals(d)) {
        for (Seat s : r.seats()) {
          out.add(
              new ConferenceParticipant(
                  r.number(), s.call().remoteParty().uri().toString(), s.muted(), s.joinedAt()));
        }
      }
    }
    return out;
  }

  private static String roomKey(String domain, String number) {
    return domain + "/" + number;
  }

  /** One caller on their way into a room and then in it; touched only on the work thread. */
  private final class Attendee implements CallListener {
    private final Call call;
    private final String domain;
    private final ConferenceRoom config;
    private final StringBuilder pin = new StringBuilder();
    private int wrongPins;
    private boolean moderator;
    private final PromptLine prompts;
    private AudioPatch listening;
    private Seat seat;

    Attendee(Call call, String domain, ConferenceRoom config) {
      this.call = call;
      this.domain = domain;
      this.config = config;
      this.prompts = new PromptLine(agent.media(), call.media(), agent.work());
    }

    void answer() {
      if (!call.answer(this)) {
        return;
      }
      if (!config.asksForPin()) {
        join();
        return;
      }
      // Keys are read in the stream's playout, which runs only while someone reads it.
      listening = AudioPatch.connect(agent.media(), call.media(), frame -> {});
      play(tone(PIN_PROMPT_HZ, 400));
    }

    @Override
    public void onDigit(Call c, char digit) {
      agent.work().execute(() -> key(digit));
    }

    @Override
    public void onEnded(Call c, CallEnd end) {
      agent.work().execute(this::gone);
    }

    private void key(char k) {
      if (call.ended().isDone()) {
        return;
      }
      if (seat != null) {
        if (k == '*' && seat.participant() != null) { // not while waiting for the moderator
          boolean mute = !seat.muted();
          seat.participant().mute(mute);
          seat.whisper(tone(mute ? MUTED_HZ : UNMUTED_HZ, 300));
        }
        return;
      }
      if (k == '#') {
        checkPin();
      } else if (Character.isDigit(k) && pin.length() < MAX_PIN) {
        pin.append(k);
      }
    }

    private void checkPin() {
      moderator = ConferenceRooms.moderates(config, pin.toString());
      boolean ok = moderator || ConferenceRooms.opens(config, pin.toString());
      pin.setLength(0);
      if (ok) {
        join();
        return;
      }
      if (++wrongPins >= MAX_WRONG_PINS) {
        prompts.playThen(tone(WRONG_PIN_HZ, 600), call::hangup);
        return;
      }
      play(concat(tone(WRONG_PIN_HZ, 600), silence(200), tone(PIN_PROMPT_HZ, 400)));
    }

    private void join() {
      stopPlaying();
      if (listening != null) {
        listening.disconnect(); // the mixer reads the caller from now on
      }
      seat = new Seat(call, clock.instant());
      Room room =
          open.computeIfAbsent(
              roomKey(domain, config.number()),
              k -> new Room(domain, config.number(), agent.media()));
      if (moderator) {
        room.joinAsModerator(seat, JOIN_HZ);
      } else if (config.waitForModerator() && !room.moderated()) {
        room.await(
            seat, new ToneGenerator(new double[] {WAITING_HZ}, 6000, new int[] {1000, 1000}, 0));
        log.info(
            "{} waits for the moderator of room {}", call.remoteParty().uri(), config.number());
        return;
      } else {
        room.join(seat, JOIN_HZ);
      }
      log.info(
          "{} joined room {} of {}{}",
          call.remoteParty().uri(),
          config.number(),
          domain,
          moderator ? " as moderator" : "");
    }

    private void gone() {
      stopPlaying();
      if (listening != null) {
        listening.disconnect();
      }
      if (seat == null) {
        return;
      }
      String k = roomKey(domain, config.number());
      Room room = open.get(k);
      if (room != null && room.leave(seat, LEAVE_HZ)) {
        open.remove(k, room);
      }
    }

    private void play(short[] audio) {
      prompts.play(audio);
    }

    private void stopPlaying() {
      prompts.stop();
    }
  }

  @Override
  public void close() {
    agent.close();
  }
}
