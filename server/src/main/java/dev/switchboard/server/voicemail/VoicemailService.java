package dev.switchboard.server.voicemail;

import dev.switchboard.media.FrameSource;
import dev.switchboard.media.clock.AudioPatch;
import dev.switchboard.media.clock.MediaClock;
import dev.switchboard.media.wav.PromptPlayer;
import dev.switchboard.media.wav.WavEncoding;
import dev.switchboard.media.wav.WavWriter;
import dev.switchboard.server.proxy.UnreachableTarget;
import dev.switchboard.server.services.Prompt;
import dev.switchboard.server.services.PromptLanguage;
import dev.switchboard.server.services.PromptLanguages;
import dev.switchboard.server.services.ServiceAgent;
import dev.switchboard.server.services.Speech;
import dev.switchboard.server.services.Speech.Phrase;
import dev.switchboard.sip.transaction.ServerTransaction;
import dev.switchboard.store.voicemail.Mailboxes;
import dev.switchboard.store.voicemail.VoicemailMessage;
import dev.switchboard.ua.Call;
import dev.switchboard.ua.CallEnd;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's voicemail: a user agent inside the node that answers calls for extensions with the
 * {@code voicemail} option that nobody registered (or that forwarding sent here), plays the owner's
 * greeting (or "please leave a message after the tone", in the tenant's language, and a beep) and
 * records the caller into the owner's mailbox until the caller hangs up; and answers the owner's
 * own calls with the message menu ({@link MailboxMenu}).
 */
public final class VoicemailService implements UnreachableTarget, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(VoicemailService.class);

  /** The beep after which one speaks, when the owner has no greeting of their own. */
  public static final double BEEP_HZ = 950;

  /** What a caller hears instead of the beep when the mailbox is full: then we hang up. */
  public static final double FULL_HZ = 480;

  private static final int BEEP_MILLIS = 600;
  private static final int FULL_MILLIS = 2_000;
  // The retention sweep: soon after start, then every few minutes, a bounded number each time.
  private static final Duration SWEEP_EVERY = Duration.ofMinutes(10);
  private static final int SWEEP_LIMIT = 500;
  private static final long TICK_MILLIS = 40; // let a tick already on the clock finish

  /** Whether an extension has voicemail (a blocking look-up; runs off the SIP threads). */
  @FunctionalInterface
  public interface Owners {
    boolean hasVoicemail(String domain, String user);
  }

  /** Told of every message kept, after it is on disk (on the service's thread: hand work off). */
  @FunctionalInterface
  public interface NewMessages {
    NewMessages NONE = (domain, user, message, audio) -> {};

    void kept(String domain, String user, VoicemailMessage message, Path audio);
  }

  /**
   * A mailbox a call is for; {@code owner}: its owner listening, else a caller leaving one; {@code
   * language}: of the tenant's prompts.
   */
  private record Box(String domain, String user, boolean owner, PromptLanguage language) {}

  /** How long an owner may stay in the message menu. */
  private static final Duration MAX_MENU = Duration.ofMinutes(15);

  private final ServiceAgent agent;
  private final Duration maxMessage;
  private final Mailboxes mailboxes;
  private final Owners owners;
  private final NewMessages newMessages;
  private final PromptLanguages languages;
  private final Clock clock;
  private final MediaClock media;
  private final ScheduledExecutorService work;

  private VoicemailService(
      ServiceAgent agent,
      Duration maxMessage,
      Mailboxes mailboxes,
      Owners owners,
      NewMessages newMessages,
      PromptLanguages languages,
      Clock clock) {
    this.agent = agent;
    this.maxMessage = maxMessage;
    this.mailboxes = mailboxes;
    this.owners = owners;
    this.newMessages = newMessages;
    this.languages = languages;
    this.clock = clock;
    this.media = agent.media();
    this.work = agent.work();
  }

  /**
   * Voicemail on {@code agent} (its RTP ports and media clock); calls reach it once the SIP service
   * attaches the agent. {@code maxMessage}: when a recording is cut off (we hang up).
   */
  public static VoicemailService start(
      ServiceAgent agent, Duration maxMessage, Mailboxes mailboxes, Owners owners) {
    return start(agent, maxMessage, mailboxes, owners, NewMessages.NONE, PromptLanguages.ENGLISH);
  }

  /**
   * As {@link #start(ServiceAgent, Duration, Mailboxes, Owners)}, telling {@code newMessages} of
   * each message kept and speaking to callers in the language {@code languages} gives their tenant;
   * also sweeps messages past their tenant's age limit now and then.
   */
  public static VoicemailService start(
      ServiceAgent agent,
      Duration maxMessage,
      Mailboxes mailboxes,
      Owners owners,
      NewMessages newMessages,
      PromptLanguages languages) {
    VoicemailService s =
        new VoicemailService(
            agent, maxMessage, mailboxes, owners, newMessages, languages, Clock.systemUTC());
    s.work.scheduleWithFixedDelay(s::sweep, 1_000, SWEEP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    return s;
  }

  private void sweep() {
    try {
      int removed = mailboxes.sweep(clock.instant(), SWEEP_LIMIT);
      if (removed > 0) {
        log.info("voicemail retention: removed {} messages past their tenant's age limit", removed);
      }
    } catch (IOException | RuntimeException e) {
      log.warn("voicemail retention sweep failed", e);
    }
  }

  /** The mailbox of {@code user@domain} when the extension has voicemail. */
  private Optional<Box> box(String domain, String user, boolean owner) {
    try {
      return owners.hasVoicemail(domain, user)
          ? Optional.of(new Box(domain, user, owner, language(domain)))
          : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty(); // no such account any more, or the store is down: as before
    }
  }

  private PromptLanguage language(String domain) {
    try {
      return languages.of(domain);
    } catch (RuntimeException e) {
      log.warn("the prompt language of {} cannot be read: English", domain, e);
      return PromptLanguage.EN;
    }
  }

  @Override
  public boolean take(ServerTransaction tx, String domain, String user) {
    agent.take(tx, () -> box(domain, user, false), 480, this::answer);
    return true;
  }

  /**
   * The owner's call to their own mailbox ({@code sip:voicemail@DOMAIN}, or a feature code that
   * names it): answered with the message menu when the extension has voicemail, else 404.
   */
  @Override
  public boolean retrieve(ServerTransaction tx, String domain, String owner) {
    agent.take(tx, () -> box(domain, owner, true), 404, this::menu);
    return true;
  }

  private void menu(Call call, Box box) {
    MailboxMenu menu = new MailboxMenu(call, mailboxes, box.domain(), box.user(), media, work);
    if (!call.answer(menu)) {
      return;
    }
    menu.start();
    ScheduledFuture<?> cutOff =
        work.schedule(call::hangup, MAX_MENU.toMillis(), TimeUnit.MILLISECONDS);
    call.ended().whenComplete((end, error) -> cutOff.cancel(false));
  }

  /** A message about to be recorded: where it goes, and what the caller hears first. */
  private record Message(Mailboxes.Deposit deposit, WavWriter recording, FrameSource greeting) {}

  private void answer(Call call, Box box) {
    if (full(box)) {
      if (call.answer(null)) {
        refuseFull(call, box.language());
      }
      return;
    }
    Message m = prepare(call, box);
    if (m == null) {
      call.reject(500);
      return;
    }
    if (!call.answer(null)) {
      close(m.recording());
      discard(m.deposit());
      return;
    }
    record(call, box, m);
  }

  /**
   * Records a message into {@code user@domain}'s mailbox from a call another service of the node
   * already answered (an auto-attendant's key); hangs it up when the extension has no voicemail.
   */
  public void leaveMessage(Call answered, String domain, String user) {
    work.execute(
        () -> {
          Box box = box(domain, user, false).orElse(null);
          if (box != null && full(box)) {
            refuseFull(answered, box.language());
            return;
          }
          Message m = box != null ? prepare(answered, box) : null;
          if (m == null) {
            answered.hangup();
            return;
          }
          record(answered, box, m);
        });
  }

  private boolean full(Box box) {
    try {
      return mailboxes.full(box.domain(), box.user());
    } catch (RuntimeException e) {
      log.warn("voicemail for {}@{}: cannot count its messages", box.user(), box.domain(), e);
      return false; // record rather than turn a caller away on a reading error
    }
  }

  /** The caller hears "the mailbox is full" and its tone, then we hang up: nothing is recorded. */
  private void refuseFull(Call call, PromptLanguage language) {
    short[] said =
        Prompt.concat(
            Speech.say(language, Phrase.MAILBOX_FULL),
            Prompt.silence(300),
            Prompt.tone(FULL_HZ, FULL_MILLIS));
    AudioPatch.untilEnd(
        media, new PromptPlayer(said, false), call.media(), () -> work.execute(call::hangup));
  }

  /** What a caller hears before speaking when the owner has no greeting of their own. */
  static short[] defaultGreeting(PromptLanguage language) {
    return Prompt.concat(
        Speech.say(language, Phrase.LEAVE_MESSAGE),
        Prompt.silence(300),
        Prompt.tone(BEEP_HZ, BEEP_MILLIS));
  }

  /** Opens the deposit and the greeting, or null (logged) when the mailbox cannot take one. */
  private Message prepare(Call call, Box box) {
    Mailboxes.Deposit deposit;
    WavWriter recording;
    FrameSource greeting;
    try {
      deposit =
          mailboxes.open(
              box.domain(), box.user(), call.remoteParty().uri().toString(), clock.instant());
      recording = WavWriter.create(deposit.file(), WavEncoding.PCM);
      Path own = mailboxes.greeting(box.domain(), box.user()).orElse(null);
      greeting =
          own != null
              ? PromptPlayer.of(own, false)
              : new PromptPlayer(defaultGreeting(box.language()), false);
    } catch (IOException | RuntimeException e) {
      log.warn("voicemail for {}@{} cannot record", box.user(), box.domain(), e);
      return null;
    }
    return new Message(deposit, recording, greeting);
  }

  /** Plays the greeting on the answered call, then records it until it ends (or is cut off). */
  private void record(Call call, Box box, Message m) {
    // Set on the clock thread when the greeting ends, read on ours when the call does.
    AtomicReference<AudioPatch> recorder = new AtomicReference<>();
    AudioPatch.untilEnd(
        media,
        m.greeting(),
        call.media(),
        () -> {
          if (!call.ended().isDone()) {
            recorder.set(AudioPatch.connect(media, call.media(), m.recording()));
          }
        });
    ScheduledFuture<?> cutOff =
        work.schedule(call::hangup, maxMessage.toMillis(), TimeUnit.MILLISECONDS);
    call.ended()
        .whenComplete(
            (end, error) -> {
              cutOff.cancel(false);
              work.schedule(
                  () -> keep(box, m.deposit(), m.recording(), recorder.get(), end),
                  TICK_MILLIS,
                  TimeUnit.MILLISECONDS);
            });
  }

  private void keep(
      Box box, Mailboxes.Deposit deposit, WavWriter recording, AudioPatch recorder, CallEnd end) {
    if (recorder != null) {
      recorder.disconnect();
    }
    try {
      Thread.sleep(TICK_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    close(recording);
    if (recorder == null || recording.millis() == 0) {
      discard(deposit);
      return;
    }
    try {
      VoicemailMessage kept = mailboxes.keep(deposit, recording.millis());
      try {
        newMessages.kept(
            box.domain(), box.user(), kept, mailboxes.audio(box.domain(), box.user(), kept.id()));
      } catch (RuntimeException e) {
        log.warn("telling of voicemail {} failed (it is kept)", kept.id(), e);
      }
      log.info(
          "voicemail for {}@{}: {} ms from {} ({})",
          box.user(),
          box.domain(),
          recording.millis(),
          deposit.caller(),
          end == null ? "?" : end.cause());
    } catch (IOException e) {
      log.warn("voicemail for {}@{} could not be kept", box.user(), box.domain(), e);
    }
  }

  private static void close(WavWriter w) {
    try {
      w.close();
    } catch (IOException e) {
      log.warn("closing a voicemail recording failed", e);
    }
  }

  private void discard(Mailboxes.Deposit d) {
    try {
      mailboxes.discard(d);
    } catch (IOException e) {
      log.warn("removing an empty voicemail recording failed", e);
    }
  }

  /** Hangs up every call of the agent, and frees its RTP ports and media clock. */
  @Override
  public void close() {
    agent.close();
  }
}
