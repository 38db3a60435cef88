package dev.switchboard.server.queue;

import dev.switchboard.media.FrameSource;
import dev.switchboard.media.clock.AudioPatch;
import dev.switchboard.media.tone.CallProgressTone;
import dev.switchboard.server.pbx.PbxRouting;
import dev.switchboard.server.services.PromptLine;
import dev.switchboard.server.services.ServiceAgent;
import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.ua.Call;
import dev.switchboard.ua.CallEnd;
import dev.switchboard.ua.CallListener;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One caller of a group's queue: answered, hearing the hold music until a member (or, after the
 * longest wait, the group's final destination) answers and is bridged to it. State is touched only
 * on the service's work thread.
 */
final class WaitingCaller implements CallListener {
  private static final Logger log = LoggerFactory.getLogger(WaitingCaller.class);

  private static final int AMPLITUDE = 6000;

  private final CallQueue queue;
  private final ServiceAgent agent;
  private final Call caller;
  private final String domain;
  private final PromptLine line;
  private ScheduledFuture<?> limit;
  private Call other;
  private AudioPatch[] bridge;

  WaitingCaller(CallQueue queue, ServiceAgent agent, Call caller, String domain) {
    this.queue = queue;
    this.agent = agent;
    this.caller = caller;
    this.domain = domain;
    this.line = new PromptLine(agent.media(), caller.media(), agent.work());
  }

  /** Answers the caller with {@code music}; false when the call is already gone. */
  boolean answer(FrameSource music) {
    if (!caller.answer(this)) {
      return false;
    }
    line.play(music);
    return true;
  }

  /** When the caller stops waiting, whatever happens first. */
  void limit(ScheduledFuture<?> waitedTooLong) {
    this.limit = waitedTooLong;
  }

  /** The caller's user part, shown to the members as who calls. */
  String user() {
    Address from = caller.remoteParty();
    return from.uri() instanceof SipUri u && u.user() != null ? u.user() : "anonymous";
  }

  /** A member answered: the two hear each other from now on. */
  void bridge(Call member) {
    cancelLimit();
    if (caller.ended().isDone()) {
      member.hangup();
      return;
    }
    connect(member);
  }

  /**
   * The caller waited too long: {@code destination} (an extension, group, number or SIP URI of the
   * tenant, as a group's final destination) is called and bridged; none, or nobody answering it,
   * gets the busy tone.
   */
  void fallback(String destination) {
    cancelLimit();
    Address to = destination == null ? null : address(destination);
    if (to == null) {
      busy();
      return;
    }
    try {
      other =
          agent.call(Address.of(SipUri.of(user(), PbxRouting.QUEUE_LEG_HOST)), to, new Fallback());
    } catch (IOException | RuntimeException e) {
      log.warn("the queue cannot call {} at {}", destination, domain, e);
      busy();
    }
  }

  private Address address(String destination) {
    if ("voicemail".equals(destination)) {
      return null; // a group has no mailbox of its own
    }
    if (destination.regionMatches(true, 0, "sip", 0, 3)) {
      try {
        return Address.parse("<" + destination + ">");
      } catch (RuntimeException e) {
        return null;
      }
    }
    return Address.of(SipUri.of(destination, domain));
  }

  /** What the final destination's call tells us. */
  private final class Fallback implements CallListener {
    @Override
    public void onAnswered(Call c) {
      agent.work().execute(() -> connect(c));
    }

    @Override
    public void onEnded(Call c, CallEnd end) {
      agent.work().execute(() -> otherGone(c));
    }
  }

  private void connect(Call c) {
    other = c;
    if (caller.ended().isDone()) {
      c.hangup();
      return;
    }
    line.stop();
    bridge =
        new AudioPatch[] {
          AudioPatch.connect(agent.media(), caller.media(), c.media()),
          AudioPatch.connect(agent.media(), c.media(), caller.media())
        };
    // A member's call reports to its queue, not here: its end is watched directly.
    c.ended().thenRun(() -> agent.work().execute(() -> otherGone(c)));
  }

  /** The member or final destination hung up, or never answered. */
  private void otherGone(Call c) {
    if (c != other) {
      return;
    }
    if (bridge != null) {
      unbridge();
      caller.hangup();
    } else if (!caller.ended().isDone()) {
      busy();
    }
  }

  private void busy() {
    line.playThen(CallProgressTone.BUSY_NA.generator(AMPLITUDE).render(2000), caller::hangup);
  }

  @Override
  public void onEnded(Call c, CallEnd end) {
    agent.work().execute(this::over);
  }

  private void over() {
    cancelLimit();
    line.stop();
    unbridge();
    if (other != null) {
      other.hangup();
    }
    queue.left(this);
  }

  private void unbridge() {
    if (bridge != null) {
      for (AudioPatch p : bridge) {
        p.disconnect();
      }
      bridge = null;
    }
  }

  private void cancelLimit() {
    if (limit != null) {
      limit.cancel(false);
    }
  }
}
