package dev.switchboard.server.queue;

import dev.switchboard.server.hold.TenantMusic;
import dev.switchboard.server.pbx.PbxRouting;
import dev.switchboard.server.services.ServiceAgent;
import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.store.pbx.RingGroup;
import dev.switchboard.ua.Call;
import dev.switchboard.ua.CallEnd;
import dev.switchboard.ua.CallListener;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One group's queue: its waiting callers in arrival order, and at most one call ringing the group's
 * members (by the group's strategy, through the node's proxy) for the caller at the head. The first
 * member to answer is bridged to that caller and the next caller's turn begins; when nobody answers
 * the members are rung again after a pause. State is touched only on the service's work thread.
 */
final class CallQueue {
  private static final Logger log = LoggerFactory.getLogger(CallQueue.class);

  /** The pause before ringing the members again after nobody answered. */
  static final long RETRY_MILLIS = 1500;

  private final ServiceAgent agent;
  private final TenantMusic music;
  private final String domain;
  private final Deque<WaitingCaller> waiting = new ArrayDeque<>();
  private RingGroup group;
  private Call ringing;
  private WaitingCaller ringingFor;
  private ScheduledFuture<?> retry;

  CallQueue(ServiceAgent agent, TenantMusic music, String domain, RingGroup group) {
    this.agent = agent;
    this.music = music;
    this.domain = domain;
    this.group = group;
  }

  /** The group as configured now (its limits and fallback may have changed). */
  void reconfigure(RingGroup now) {
    group = now;
  }

  boolean full() {
    return waiting.size() >= group.queue().maxCallers();
  }

  /** A caller admitted to the queue: answered, hearing the music, waiting its turn. */
  void arrive(Call call) {
    if (full()) {
      call.reject(486); // another caller came in between admission and now
      return;
    }
    WaitingCaller w = new WaitingCaller(this, agent, call, domain);
    if (!w.answer(music.of(domain))) {
      return;
    }
    w.limit(
        agent
            .work()
            .schedule(() -> waitedTooLong(w), group.queue().maxWaitSeconds(), TimeUnit.SECONDS));
    waiting.addLast(w);
    log.info(
        "caller {} waits in the queue of group {} at {} ({} waiting)",
        call.remoteParty().uri(),
        group.number(),
        domain,
        waiting.size());
    next();
  }

  /** Rings the members for the caller at the head, unless they are being rung already. */
  private void next() {
    if (ringing != null || waiting.isEmpty() || (retry != null && !retry.isDone())) {
      return;
    }
    WaitingCaller head = waiting.peekFirst();
    Address as = Address.of(SipUri.of(head.user(), PbxRouting.QUEUE_LEG_HOST));
    Address members = Address.of(SipUri.of(group.number(), domain));
    try {
      ringingFor = head;
      ringing = agent.call(as, members, new MemberLeg());
    } catch (IOException | RuntimeException e) {
      log.warn("queue of group {} at {} cannot ring its members", group.number(), domain, e);
      ringing = null;
      ringingFor = null;
      later();
    }
  }

  private void later() {
    retry =
        agent
            .work()
            .schedule(
                () -> {
                  retry = null;
                  next();
                },
                RETRY_MILLIS,
                TimeUnit.MILLISECONDS);
  }

  /** What the call ringing the members tells us. */
  private final class MemberLeg implements CallListener {
    @Override
    public void onAnswered(Call c) {
      agent.work().execute(() -> answered(c));
    }

    @Override
    public void onEnded(Call c, CallEnd end) {
      agent.work().execute(() -> notAnswered(c, end));
    }
  }

  private void answered(Call member) {
    if (member != ringing) {
      member.hangup(); // its caller left or gave up meanwhile
      return;
    }
    WaitingCaller w = ringingFor;
    ringing = null;
    ringingFor = null;
    waiting.remove(w);
    w.bridge(member);
    next();
  }

  private void notAnswered(Call member, CallEnd end) {
    if (member != ringing) {
      return;
    }
    ringing = null;
    ringingFor = null;
    log.debug("members of group {} at {} did not answer: {}", group.number(), domain, end);
    later();
  }

  /** The caller hung up while waiting: it leaves the queue and its ringing stops. */
  void left(WaitingCaller w) {
    if (waiting.remove(w)) {
      log.info("a caller left the queue of group {} at {}", group.number(), domain);
    }
    stopRinging(w);
    next();
  }

  private void waitedTooLong(WaitingCaller w) {
    if (!waiting.remove(w)) {
      return;
    }
    log.info(
        "a caller waited {} s in the queue of group {} at {}: to {}",
        group.queue().maxWaitSeconds(),
        group.number(),
        domain,
        group.finalDestination() == null ? "busy" : group.finalDestination());
    stopRinging(w);
    w.fallback(group.finalDestination());
    next();
  }

  private void stopRinging(WaitingCaller w) {
    if (ringingFor == w && ringing != null) {
      Call c = ringing;
      ringing = null;
      ringingFor = null;
      c.hangup(); // CANCEL to the members' phones
    }
  }
}
