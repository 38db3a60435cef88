package dev.switchboard.server.proxy;

import dev.switchboard.server.usage.CallDetailRecord;
import dev.switchboard.server.usage.CallDetailRecord.Direction;
import dev.switchboard.server.usage.CallDetailRecord.EndedBy;
import dev.switchboard.server.usage.CallDetailRecord.Routing;
import dev.switchboard.server.usage.UsageSink;
import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.sip.transaction.TimerService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows each INVITE dialog through the proxy, from setup to answer to BYE (or failure, CANCEL, or
 * the call limit), and emits one {@link CallDetailRecord} per tenant that saw the call.
 */
public final class CallTracker {
  private static final Logger log = LoggerFactory.getLogger(CallTracker.class);

  /** Which tenant records the call and how the call looks from there. */
  public record Leg(String domain, Direction direction) {}

  private record Key(String callId, String callerTag) {}

  /** One call's state, touched under its own lock. */
  private static final class Call {
    final Key key;
    final List<Leg> legs;
    final String fromUri;
    final String toUri;
    final Instant setup;
    final String referredBy;
    Instant answered;
    String answeredBy;
    Routing routing;
    TimerService.Scheduled limit;

    Call(
        Key key,
        List<Leg> legs,
        String fromUri,
        String toUri,
        Instant setup,
        String referredBy,
        Routing routing) {
      this.key = key;
      this.legs = legs;
      this.fromUri = fromUri;
      this.toUri = toUri;
      this.setup = setup;
      this.referredBy = referredBy;
      this.routing = routing;
    }
  }

  /** A REFER that passed inside a dialog: who asked, and when. */
  private record Referral(String referredBy, Instant at) {}

  /**
   * How long after a REFER the referee's INVITE to the target counts as the transfer (RFC 3261's
   * 64*T1, the longest a phone retries the REFER itself).
   */
  static final Duration REFERRAL_WINDOW = Duration.ofSeconds(32);

  /** Referrals waiting for their INVITE, bounded so REFERs nobody follows cannot grow memory. */
  private static final int MAX_REFERRALS = 10_000;

  /** The least time between two sweeps of a full referral map for stale entries. */
  static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);

  private final ConcurrentHashMap<Key, Call> calls = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Referral> referrals = new ConcurrentHashMap<>();
  private final LongAdder referralsExamined = new LongAdder();
  // Epoch millis before which a full map is not swept again: a burst of REFERs costs one sweep.
  private final AtomicLong nextSweep = new AtomicLong(Long.MIN_VALUE);
  private final UsageSink sink;
  private final Clock clock;
  private final TimerService timers;
  private final Duration maxDuration;
  private final CallObserver observer;

  public CallTracker(UsageSink sink, Clock clock, TimerService timers, Duration maxDuration) {
    this(sink, clock, timers, maxDuration, CallObserver.NONE);
  }

  public CallTracker(
      UsageSink sink,
      Clock clock,
      TimerService timers,
      Duration maxDuration,
      CallObserver observer) {
    this.sink = sink;
    this.clock = clock;
    this.timers = timers;
    this.maxDuration = maxDuration;
    this.observer = observer;
  }

  /**
   * An initial INVITE passed the proxy's checks. A spiral (the same INVITE back through us) is
   * tracked once.
   */
  public void started(SipRequest invite, List<Leg> legs) {
    if (legs.isEmpty()) {
      return;
    }
    Key key = new Key(invite.callId(), invite.from().tag());
    // A transfer's INVITE says who referred it (RFC 3892) or which dialog it replaces (RFC 3891).
    String referredBy = invite.header("Referred-By");
    String fromAor = invite.from().uri() instanceof SipUri f ? f.aor() : null;
    String toAor = invite.to().uri() instanceof SipUri t ? t.aor() : null;
    if (referredBy == null && fromAor != null && toAor != null) {
      // A phone that drops Referred-By from the REFER's INVITE (baresip 1.0 does): the REFER
      // that passed us says it is a transfer all the same.
      Referral r = referrals.remove(fromAor + " " + toAor);
      if (r != null && !r.at().plus(REFERRAL_WINDOW).isBefore(clock.instant())) {
        referredBy = r.referredBy();
      }
    }
    boolean transfer = referredBy != null || invite.header("Replaces") != null;
    Call call =
        new Call(
            key,
            List.copyOf(legs),
            invite.from().uri().toString(),
            toAor != null ? toAor : invite.to().uri().toString(),
            clock.instant(),
            referredBy,
            transfer ? Routing.TRANSFER : Routing.DIRECT);
    if (calls.putIfAbsent(key, call) == null) {
      // Bounds memory when the BYE never passes us (a UA crashed, a route bypassed us).
      call.limit = timers.schedule(maxDuration, () -> end(call, 200, EndedBy.SYSTEM));
    }
  }

  /** A 2xx to the initial INVITE passed: the first one sets the answer time. */
  public void answered(String callId, String callerTag) {
    answered(callId, callerTag, null);
  }

  /**
   * A 2xx to the initial INVITE passed from a branch to {@code aor} (null when the branch was not
   * an extension of ours): the first one sets the answer time and who answered.
   */
  public void answered(String callId, String callerTag, String aor) {
    Call call = calls.get(new Key(callId, callerTag));
    if (call != null) {
      synchronized (call) {
        if (call.answered == null) {
          call.answered = clock.instant();
          call.answeredBy = aor;
        }
      }
    }
  }

  /**
   * How the call is being routed now (a forwarding rule, a group, a pickup took over); a transfer
   * stays a transfer.
   */
  public void routed(String callId, String callerTag, Routing routing) {
    Call call = calls.get(new Key(callId, callerTag));
    if (call != null) {
      synchronized (call) {
        if (call.routing != Routing.TRANSFER) {
          call.routing = routing;
        }
      }
    }
  }

  /** The initial INVITE got a final failure response: the attempt is over. */
  public void failed(String callId, String callerTag, int status, EndedBy endedBy) {
    Call call = calls.get(new Key(callId, callerTag));
    if (call == null) {
      return;
    }
    synchronized (call) {
      if (call.answered != null) {
        return; // A late failure from another fork changes nothing about an answered call.
      }
    }
    end(call, status, endedBy);
  }

  /** A BYE went through: the caller's if its From tag is the INVITE's, else the callee's. */
  public void bye(SipRequest bye) {
    String callId = bye.callId();
    Call call = calls.get(new Key(callId, bye.from().tag()));
    if (call != null) {
      end(call, 200, EndedBy.CALLER);
      return;
    }
    call = calls.get(new Key(callId, bye.to().tag()));
    if (call != null) {
      end(call, 200, EndedBy.CALLEE);
    }
  }

  /**
   * A REFER passed inside a dialog: the INVITE its recipient (the To) sends to the Refer-To target
   * within {@link #REFERRAL_WINDOW} is recorded as a transfer by the sender, even without a
   * Referred-By of its own.
   */
  public void referred(SipRequest refer) {
    String referTo = refer.header("Refer-To");
    if (referTo == null || !(refer.to().uri() instanceof SipUri referee)) {
      return;
    }
    SipUri target;
    try {
      target = Address.parse(referTo).uri() instanceof SipUri u ? u : null;
    } catch (RuntimeException e) {
      return; // the recipient answers a malformed Refer-To with 400; nothing to follow
    }
    if (target == null) {
      return;
    }
    Instant now = clock.instant();
    if (referrals.size() >= MAX_REFERRALS) {
      sweepStaleReferrals(now);
      if (referrals.size() >= MAX_REFERRALS) {
        return;
      }
    }
    String by = refer.header("Referred-By");
    if (by == null) {
      by = "<" + refer.from().uri() + ">";
    }
    referrals.put(referee.aor() + " " + target.aor(), new Referral(by, now));
  }

  /**
   * Drops referrals whose window has passed, at most once per {@link #SWEEP_INTERVAL}; the one
   * REFER that wins the race sweeps, the others carry on at once.
   */
  private void sweepStaleReferrals(Instant now) {
    long due = nextSweep.get();
    long nowMillis = now.toEpochMilli();
    if (nowMillis < due || !nextSweep.compareAndSet(due, nowMillis + SWEEP_INTERVAL.toMillis())) {
      return;
    }
    referrals
        .values()
        .removeIf(
            r -> {
              referralsExamined.increment();
              return r.at().plus(REFERRAL_WINDOW).isBefore(now);
            });
  }

  /**
   * Referrals looked at by sweeps for stale ones so far: the work REFERs cost once the map is full.
   */
  long referralsExamined() {
    return referralsExamined.sum();
  }

  /** Calls being followed. */
  public int active() {
    return calls.size();
  }

  private void end(Call call, int status, EndedBy endedBy) {
    if (!calls.remove(call.key, call)) {
      return; // Ended already by another path.
    }
    if (call.limit != null) {
      call.limit.cancel();
    }
    Instant answered;
    String answeredBy;
    Routing routing;
    synchronized (call) {
      answered = call.answered;
      answeredBy = call.answeredBy;
      routing = call.routing;
    }
    Instant now = clock.instant();
    for (Leg leg : call.legs) {
      CallDetailRecord cdr =
          new CallDetailRecord(
              leg.domain(),
              call.key.callId(),
              call.fromUri,
              call.toUri,
              leg.direction(),
              call.setup,
              answered,
              now,
              status,
              endedBy,
              routing,
              answeredBy,
              call.referredBy);
      try {
        sink.accept(cdr);
      } catch (RuntimeException e) {
        log.warn("usage sink refused a call record", e);
      }
    }
    observer.ended(call.key.callId(), call.key.callerTag());
  }
}
