package dev.switchboard.server.voicemail;

import static dev.switchboard.server.services.Prompt.concat;
import static dev.switchboard.server.services.Prompt.silence;
import static dev.switchboard.server.services.Prompt.tone;

import dev.switchboard.media.clock.AudioPatch;
import dev.switchboard.media.clock.MediaClock;
import dev.switchboard.media.wav.WavReader;
import dev.switchboard.server.services.PromptLine;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.voicemail.Mailboxes;
import dev.switchboard.store.voicemail.VoicemailMessage;
import dev.switchboard.ua.Call;
import dev.switchboard.ua.CallEnd;
import dev.switchboard.ua.CallListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An owner's call to their own mailbox: the PIN (when one is set) ended by {@code #}, a beep per
 * new message, then the messages one by one, new first, with the keys 1 listen again, 7 delete, 9
 * save, 6 or # next. Prompts are tones (see the constants); all state is touched on {@code work}.
 */
final class MailboxMenu implements CallListener {
  private static final Logger log = LoggerFactory.getLogger(MailboxMenu.class);

  static final double PIN_PROMPT_HZ = 600;
  static final double WRONG_PIN_HZ = 300;
  static final double NEW_MESSAGE_HZ = 800;
  static final double END_OF_MESSAGE_HZ = 1600;
  static final double DELETED_HZ = 1200;
  static final double SAVED_HZ = 1400;
  static final double NO_MORE_MESSAGES_HZ = 400;

  /** Wrong PINs before we hang up. */
  static final int MAX_WRONG_PINS = 3;

  private static final int MAX_PIN = 12;

  private final Call call;
  private final Mailboxes mailboxes;
  private final String domain;
  private final String user;
  private final MediaClock media;
  private final Executor work;
  private final StringBuilder pin = new StringBuilder();
  private int wrongPins;
  private boolean unlocked;
  private List<VoicemailMessage> messages = List.of();
  private int current;
  private final PromptLine prompts;
  private AudioPatch listening;

  MailboxMenu(
      Call call, Mailboxes mailboxes, String domain, String user, MediaClock media, Executor work) {
    this.call = call;
    this.mailboxes = mailboxes;
    this.domain = domain;
    this.user = user;
    this.media = media;
    this.work = work;
    this.prompts = new PromptLine(media, call.media(), work);
  }

  /** Once answered: asks for the PIN, or goes straight to the messages when none is set. */
  void start() {
    // Nobody records the owner, but the stream's playout must run: keys are read there.
    listening = AudioPatch.connect(media, call.media(), frame -> {});
    if (mailboxes.hasPin(domain, user)) {
      play(tone(PIN_PROMPT_HZ, 400));
    } else {
      unlock();
    }
  }

  @Override
  public void onDigit(Call c, char digit) {
    work.execute(() -> key(digit));
  }

  @Override
  public void onEnded(Call c, CallEnd end) {
    work.execute(
        () -> {
          stopPlaying();
          if (listening != null) {
            listening.disconnect();
          }
        });
  }

  private void key(char k) {
    if (call.ended().isDone()) {
      return;
    }
    if (!unlocked) {
      if (k == '#') {
        checkPin();
      } else if (Character.isDigit(k) && pin.length() < MAX_PIN) {
        pin.append(k);
      }
      return;
    }
    switch (k) {
      case '1' -> playCurrent(null);
      case '7' -> delete();
      case '9' -> save();
      case '6', '#' -> next(null);
      default -> {}
    }
  }

  private void checkPin() {
    boolean ok;
    try {
      ok = mailboxes.pinMatches(domain, user, pin.toString());
    } catch (IOException e) {
      log.warn("cannot read the PIN of {}@{}", user, domain, e);
      ok = false;
    }
    pin.setLength(0);
    if (ok) {
      unlock();
      return;
    }
    if (++wrongPins >= MAX_WRONG_PINS) {
      playThen(tone(WRONG_PIN_HZ, 600), call::hangup);
      return;
    }
    play(concat(tone(WRONG_PIN_HZ, 600), silence(200), tone(PIN_PROMPT_HZ, 400)));
  }

  private void unlock() {
    unlocked = true;
    List<VoicemailMessage> all = new ArrayList<>(mailboxes.messages(domain, user));
    all.sort(Comparator.comparing(VoicemailMessage::saved)); // new first, each oldest first
    messages = all;
    current = 0;
    long fresh = all.stream().filter(m -> !m.saved()).count();
    List<short[]> beeps = new ArrayList<>();
    for (int i = 0; i < Math.min(fresh, 9); i++) {
      beeps.add(tone(NEW_MESSAGE_HZ, 150));
      beeps.add(silence(150));
    }
    playCurrent(concat(beeps.toArray(short[][]::new)));
  }

  /** Plays {@code before}, then the current message and the end-of-message beep. */
  private void playCurrent(short[] before) {
    short[] lead = before == null ? new short[0] : before;
    if (current >= messages.size()) {
      play(concat(lead, tone(NO_MORE_MESSAGES_HZ, 1000)));
      return;
    }
    VoicemailMessage m = messages.get(current);
    short[] audio;
    try {
      audio = WavReader.read(mailboxes.audio(domain, user, m.id())).narrowband();
    } catch (IOException | NotFoundException e) {
      // Deleted meanwhile (over the API): on to the next one.
      messages.remove(current);
      playCurrent(lead);
      return;
    }
    play(concat(lead, audio, silence(200), tone(END_OF_MESSAGE_HZ, 150)));
  }

  private void next(short[] before) {
    if (current < messages.size()) {
      current++;
    } else {
      current = 0; // past the last message: from the first again
    }
    playCurrent(before);
  }

  private void delete() {
    if (current >= messages.size()) {
      return;
    }
    try {
      mailboxes.delete(domain, user, messages.get(current).id());
    } catch (IOException | NotFoundException e) {
      log.warn("deleting a message of {}@{} failed", user, domain, e);
    }
    messages.remove(current);
    playCurrent(concat(tone(DELETED_HZ, 300), silence(200)));
  }

  private void save() {
    if (current >= messages.size()) {
      return;
    }
    try {
      mailboxes.save(domain, user, messages.get(current).id());
    } catch (IOException | NotFoundException e) {
      log.warn("saving a message of {}@{} failed", user, domain, e);
    }
    next(concat(tone(SAVED_HZ, 300), silence(200)));
  }

  private void play(short[] audio) {
    prompts.play(audio);
  }

  private void playThen(short[] audio, Runnable then) {
    prompts.playThen(audio, then);
  }

  private void stopPlaying() {
    prompts.stop();
  }
}
