package dev.switchboard.server.ivr;

import static dev.switchboard.server.services.Prompt.concat;
import static dev.switchboard.server.services.Prompt.silence;
import static dev.switchboard.server.services.Prompt.tone;

import dev.switchboard.media.clock.AudioPatch;
import dev.switchboard.media.tone.CallProgressTone;
import dev.switchboard.server.services.PromptLine;
import dev.switchboard.server.services.ServiceAgent;
import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.store.media.IvrDestination;
import dev.switchboard.store.media.IvrMenu;
import dev.switchboard.ua.Call;
import dev.switchboard.ua.CallEnd;
import dev.switchboard.ua.CallListener;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One caller in the auto-attendant: the menu's greeting, a key (or none within the timeout), and
 * where it leads; a key the menu does not know, or silence, gets the invalid tone and the greeting
 * again, {@code retries} times, then the menu's fallback. A number it dials is called through the
 * node's proxy and, once answered, bridged to the caller here. State is touched only on the
 * service's work thread.
 */
final class IvrSession implements CallListener {
  private static final Logger log = LoggerFactory.getLogger(IvrSession.class);

  /** Played before the greeting again after a key the menu does not know, or silence. */
  static final double INVALID_HZ = 300;

  /** Asks for an extension (dial-by-extension), ended by # or a pause. */
  static final double EXTENSION_PROMPT_HZ = 880;

  private static final int MAX_EXTENSION = 16;
  private static final int AMPLITUDE = 6000;

  private enum Mode {
    MENU,
    EXTENSION,
    CONNECTING,
    HANDED_OVER
  }

  private final IvrService service;
  private final ServiceAgent agent;
  private final Call caller;
  private final String domain;
  private final StringBuilder extension = new StringBuilder();
  private IvrMenu menu;
  private int tries;
  private Mode mode = Mode.MENU;
  private final PromptLine prompts;
  private AudioPatch listening;
  private ScheduledFuture<?> timer;
  private Call callee;
  private AudioPatch[] bridge;

  IvrSession(IvrService service, ServiceAgent agent, Call caller, String domain) {
    this.service = service;
    this.agent = agent;
    this.caller = caller;
    this.domain = domain;
    this.prompts = new PromptLine(agent.media(), caller.media(), agent.work());
  }

  /** Answers the caller with {@code first}. */
  void answer(IvrMenu first) {
    if (!caller.answer(this)) {
      return;
    }
    // Nobody records the caller here, but the stream's playout must run: keys are read there.
    listening = AudioPatch.connect(agent.media(), caller.media(), frame -> {});
    menu = first;
    if (first.hours() != null && !first.hours().isOpen(service.now())) {
      go(first.afterHours()); // only the menu dialled is asked: menus never chase each other
    } else {
      enter(first);
    }
  }

  @Override
  public void onDigit(Call c, char digit) {
    agent.work().execute(() -> key(digit));
  }

  @Override
  public void onEnded(Call c, CallEnd end) {
    agent.work().execute(this::over);
  }

  private void enter(IvrMenu next) {
    menu = next;
    tries = 0;
    mode = Mode.MENU;
    offer(new short[0]);
  }

  /** Plays {@code before} and the greeting, then waits the menu's timeout for a key. */
  private void offer(short[] before) {
    short[] audio = concat(before, service.greeting(domain, menu));
    play(audio);
    arm(audio.length / 8 + menu.timeoutSeconds() * 1000L);
  }

  private void key(char k) {
    if (caller.ended().isDone()) {
      return;
    }
    switch (mode) {
      case MENU -> {
        IvrDestination d = menu.keys().get(k);
        if (d == null) {
          invalid();
        } else {
          go(d);
        }
      }
      case EXTENSION -> {
        if (k == '#') {
          dialExtension();
        } else if (Character.isDigit(k) && extension.length() < MAX_EXTENSION) {
          stopPlaying();
          extension.append(k);
          arm(menu.timeoutSeconds() * 1000L);
        }
      }
      default -> {} // connecting or connected: keys are the caller's own business
    }
  }

  /** A key the menu does not know, or no key in time. */
  private void invalid() {
    mode = Mode.MENU;
    if (++tries > menu.retries()) {
      log.info("menu {} of {}: no valid key after {} tries", menu.number(), domain, tries);
      go(menu.fallback());
      return;
    }
    offer(concat(tone(INVALID_HZ, 400), silence(200)));
  }

  private void go(IvrDestination d) {
    disarm();
    stopPlaying();
    if (d instanceof IvrDestination.Dial dial) {
      dial(dial.number());
    } else if (d instanceof IvrDestination.Menu m) {
      service.menu(domain, m.number()).ifPresentOrElse(this::enter, caller::hangup);
    } else if (d instanceof IvrDestination.DialByExtension) {
      mode = Mode.EXTENSION;
      extension.setLength(0);
      play(tone(EXTENSION_PROMPT_HZ, 300));
      arm(menu.timeoutSeconds() * 1000L);
    } else if (d instanceof IvrDestination.Voicemail v) {
      mode = Mode.HANDED_OVER;
      listening.disconnect(); // voicemail reads the caller from now on
      service.voicemail().leaveMessage(caller, domain, v.user());
    } else {
      caller.hangup();
    }
  }

  private void dialExtension() {
    if (extension.length() == 0) {
      invalid();
    } else {
      go(new IvrDestination.Dial(extension.toString()));
    }
  }

  private void timeout() {
    if (mode == Mode.EXTENSION) {
      dialExtension();
    } else if (mode == Mode.MENU) {
      invalid();
    }
  }

  /** Calls {@code number} of the tenant through the proxy, ringback to the caller meanwhile. */
  private void dial(String number) {
    mode = Mode.CONNECTING;
    prompts.play(CallProgressTone.RINGBACK_NA.generator(AMPLITUDE));
    Address from = caller.remoteParty();
    String user = from.uri() instanceof SipUri u && u.user() != null ? u.user() : "anonymous";
    // A domain of nobody's: the edge asks our own calls for no credentials, and the dial plan
    // treats them as an outside caller's (extensions and groups, no features or outside lines).
    Address as = Address.of(SipUri.of(user, "attendant.invalid"));
    try {
      callee = agent.call(as, Address.of(SipUri.of(number, domain)), new Callee());
    } catch (IOException | RuntimeException e) {
      log.warn("menu {} of {} cannot call {}", menu.number(), domain, number, e);
      failed();
    }
  }

  /** What the called party's leg tells us. */
  private final class Callee implements CallListener {
    @Override
    public void onAnswered(Call c) {
      agent.work().execute(() -> connect(c));
    }

    @Override
    public void onEnded(Call c, CallEnd end) {
      agent.work().execute(() -> calleeGone(c));
    }
  }

  private void connect(Call c) {
    if (caller.ended().isDone()) {
      c.hangup();
      return;
    }
    stopPlaying();
    listening.disconnect(); // the bridge reads the caller from now on
    bridge =
        new AudioPatch[] {
          AudioPatch.connect(agent.media(), caller.media(), c.media()),
          AudioPatch.connect(agent.media(), c.media(), caller.media())
        };
  }

  private void calleeGone(Call c) {
    if (bridge != null) {
      unbridge();
      caller.hangup();
    } else if (!caller.ended().isDone()) {
      log.info("menu {} of {}: nobody answered ({})", menu.number(), domain, c.ended().join());
      failed();
    }
  }

  /** Nobody could be reached: the busy tone for a moment, then we hang up. */
  private void failed() {
    mode = Mode.HANDED_OVER;
    prompts.playThen(CallProgressTone.BUSY_NA.generator(AMPLITUDE).render(2000), caller::hangup);
  }

  private void over() {
    disarm();
    stopPlaying();
    if (listening != null) {
      listening.disconnect();
    }
    unbridge();
    if (callee != null) {
      callee.hangup();
    }
  }

  private void unbridge() {
    if (bridge != null) {
      for (AudioPatch p : bridge) {
        p.disconnect();
      }
    }
  }

  private void play(short[] audio) {
    prompts.play(audio);
  }

  private void stopPlaying() {
    prompts.stop();
  }

  private void arm(long millis) {
    disarm();
    timer = agent.work().schedule(this::timeout, millis, TimeUnit.MILLISECONDS);
  }

  private void disarm() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
