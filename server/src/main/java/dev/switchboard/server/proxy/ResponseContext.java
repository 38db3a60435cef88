package dev.switchboard.server.proxy;

import dev.switchboard.server.usage.CallDetailRecord.EndedBy;
import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.message.HeaderNames;
import dev.switchboard.sip.message.Parameters;
import dev.switchboard.sip.message.SipParseException;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.sip.message.Via;
import dev.switchboard.sip.transaction.ClientTransaction;
import dev.switchboard.sip.transaction.ClientTransactionListener;
import dev.switchboard.sip.transaction.InviteClientTransaction;
import dev.switchboard.sip.transaction.ServerTransaction;
import dev.switchboard.sip.transport.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The response context of one proxied request (RFC 3261 §16.7): its branches, the final responses
 * collected so far and the choice of the best one. State is touched under this object's lock; what
 * goes out on the wire is collected there and sent after the lock is released.
 */
final class ResponseContext implements Branching {
  private static final Set<Integer> RESUBMISSION_HINTS = Set.of(401, 407, 415, 420, 484);
  private static final ClientTransactionListener IGNORE = (tx, r) -> {};

  private final Proxy proxy;
  private final ServerTransaction server;
  // Both let go of once done (see release): a call's context lives on for Timer M and its dialog.
  private SipRequest base;
  private CallPlan plan;
  private final String callId;
  private final String callerTag;
  private final boolean invite;
  private final boolean tracked;
  private final String loopHash;
  private final CallObserver observer;
  private int stageStart;
  private final TargetSet targets = new TargetSet();
  private final List<ProxyBranch> branches = new ArrayList<>();
  private final List<SipResponse> finals = new ArrayList<>();
  private boolean finalSent;
  private boolean answered;
  private boolean stopped;
  private boolean callerCancelled;
  private boolean done;

  /**
   * @param base the request as it goes on: Route to us removed, Max-Forwards lowered, Record-Route
   *     added where wanted; each branch forwards a copy of it
   * @param tracked whether this is an initial INVITE followed by the {@link CallTracker}
   */
  ResponseContext(
      Proxy proxy,
      ServerTransaction server,
      SipRequest base,
      List<Target> initial,
      boolean tracked,
      String loopHash,
      CallPlan plan) {
    this.proxy = proxy;
    this.server = server;
    this.base = base;
    this.callId = base.callId();
    this.callerTag = base.from().tag();
    this.invite = base.isMethod(SipRequest.INVITE);
    this.tracked = tracked;
    this.loopHash = loopHash;
    this.plan = plan;
    this.observer = tracked ? proxy.hooks().observer() : CallObserver.NONE;
    for (Target t : initial) {
      targets.add(t);
    }
  }

  ServerTransaction server() {
    return server;
  }

  @Override
  public String callId() {
    return callId;
  }

  @Override
  public String callerTag() {
    return callerTag;
  }

  @Override
  public boolean add(List<Target> more) {
    List<Runnable> out = new ArrayList<>();
    synchronized (this) {
      if (done || finalSent || stopped) {
        return false;
      }
      more.forEach(targets::add);
      nextGroup(out);
    }
    out.forEach(Runnable::run);
    return true;
  }

  /** Starts the highest-q group of targets. */
  void start() {
    plan.attach(this);
    if (tracked) {
      observer.started(this, base);
    }
    List<Runnable> out = new ArrayList<>();
    synchronized (this) {
      nextGroup(out);
      finishIfDone(out);
    }
    out.forEach(Runnable::run);
  }

  void onResponse(ProxyBranch b, ClientTransaction tx, SipResponse r) {
    List<Runnable> out = new ArrayList<>();
    synchronized (this) {
      b.tx = tx;
      handle(b, r, out);
    }
    out.forEach(Runnable::run);
  }

  /** The branch's next hop timed out or failed to carry the request: {@code r} is ours. */
  void onUnreachable(ProxyBranch b, ClientTransaction tx, SipResponse r) {
    List<Runnable> out = new ArrayList<>();
    synchronized (this) {
      b.tx = tx;
      b.unreachable = true;
      handle(b, r, out);
    }
    out.forEach(Runnable::run);
  }

  /** The caller sent CANCEL (§16.10): cancel every pending branch and start no new one. */
  void onCancel(SipRequest cancel) {
    List<Runnable> out = new ArrayList<>();
    synchronized (this) {
      if (finalSent) {
        return;
      }
      callerCancelled = true;
      stopped = true;
      targets.clear();
      String reason = cancel.header("Reason");
      for (ProxyBranch b : branches) {
        cancel(b, reason, out);
      }
      finishIfDone(out);
    }
    out.forEach(Runnable::run);
  }

  private void onTimerC(ProxyBranch b) {
    List<Runnable> out = new ArrayList<>();
    synchronized (this) {
      b.timer = null;
      if (b.finished) {
        return;
      }
      b.noAnswer = true;
      if (b.provisional) {
        cancel(b, "SIP;cause=480;text=\"No answer\"", out);
      } else {
        // §16.8: no provisional response at all is handled as a 408 from that branch.
        finish(b, ownResponse(408, null), out);
        finishIfDone(out);
      }
    }
    out.forEach(Runnable::run);
  }

  /** A cancelled branch never answered its CANCEL with a final response. */
  private void onCancelGuard(ProxyBranch b) {
    List<Runnable> out = new ArrayList<>();
    synchronized (this) {
      b.timer = null;
      if (!b.finished) {
        finish(b, ownResponse(b.noAnswer ? 480 : 408, b.noAnswer ? "No Answer" : null), out);
        finishIfDone(out);
      }
    }
    out.forEach(Runnable::run);
  }

  private void handle(ProxyBranch b, SipResponse r, List<Runnable> out) {
    if (tracked && !(r.isProvisional() && (b.finished || r.status() == 100))) {
      out.add(() -> observer.response(this, b.target, r));
    }
    if (r.isProvisional()) {
      b.provisional = true;
      if (b.cancelWanted && !b.cancelSent) {
        sendCancel(b, out);
      }
      if (r.status() == 100 || b.finished || finalSent) {
        return; // §16.7 step 3: 100 is hop-by-hop.
      }
      if (invite && !b.cancelSent && b.target.ringTime() == null) {
        armTimerC(b); // §16.7 step 2: reset Timer C on 101-199 (a ring time is not reset).
      }
      relay(r, out);
      return;
    }
    if (r.isSuccess()) {
      boolean first = !b.finished;
      if (first) {
        b.finished = true;
        b.stopTimer();
      }
      if (invite) {
        // §16.7 step 5: every 2xx to an INVITE goes upstream, even after the first.
        relay(r, out);
        CallPlan p = plan;
        out.add(() -> p.answered(r));
        if (!finalSent && tracked) {
          String aor = b.target.aor();
          out.add(() -> proxy.tracker().answered(callId, callerTag, aor));
        }
        if (!finalSent) {
          finalSent = true;
          answered = true;
          stopped = true;
          targets.clear();
          for (ProxyBranch other : branches) {
            cancel(other, "SIP;cause=200;text=\"Call completed elsewhere\"", out);
          }
        }
      } else if (!finalSent) {
        finalSent = true;
        relay(r, out);
      }
      finishIfDone(out);
      return;
    }
    if (b.finished) {
      return; // A retransmission, or a late answer after Timer C gave up.
    }
    if (failsOver(b, r)) {
      // RFC 3263 §4.3: the same request goes to the next server DNS named, as a new branch.
      b.finished = true;
      b.stopTimer();
      startBranch(b.target.failover(), out);
      finishIfDone(out);
      return;
    }
    finish(b, r, out);
    finishIfDone(out);
  }

  /** Whether a failed branch has another server to try: after a timeout, transport error or 503. */
  private boolean failsOver(ProxyBranch b, SipResponse r) {
    return !b.target.alternates().isEmpty()
        && !stopped
        && !finalSent
        && !b.cancelWanted
        && (b.unreachable || r.status() == 503);
  }

  /** Stores a branch's final non-2xx response (§16.7 steps 4-5). */
  private void finish(ProxyBranch b, SipResponse r, List<Runnable> out) {
    b.finished = true;
    b.stopTimer();
    SipResponse stored = r;
    if (b.noAnswer && r.status() == 487) {
      stored = ownResponse(480, "No Answer");
    }
    if (r.statusClass() == 3 && proxy.config().recurseOn3xx() && !stopped && !finalSent) {
      if (recurse(r)) {
        return;
      }
    }
    finals.add(stored);
    if (r.statusClass() == 6 && !finalSent) {
      stopped = true;
      targets.clear();
      for (ProxyBranch other : branches) {
        cancel(other, "SIP;cause=" + r.status() + ";text=\"" + r.reason() + "\"", out);
      }
    }
  }

  /** Adds the 3xx Contacts to the target set; true when all joined, so the 3xx is not kept. */
  private boolean recurse(SipResponse r) {
    List<Address> contacts;
    try {
      contacts = r.contacts();
    } catch (SipParseException e) {
      return false;
    }
    boolean all = !contacts.isEmpty();
    for (Address c : contacts) {
      if (!(c.uri() instanceof SipUri u) || u.secure()) {
        all = false;
        continue;
      }
      int q = qMillis(c.param("q"));
      List<Target> local = plan.onRedirect(u);
      if (local != null) {
        local.forEach(t -> targets.add(t.withQ(q)));
        continue;
      }
      if (!targets.add(new Target(u.withoutHeaders(), q, List.of(), null))) {
        all = false;
      }
    }
    return all;
  }

  static int qMillis(String q) {
    if (q == null) {
      return 1000;
    }
    try {
      return (int) Math.round(Math.max(0, Math.min(1, Double.parseDouble(q))) * 1000);
    } catch (NumberFormatException e) {
      return 1000;
    }
  }

  private void finishIfDone(List<Runnable> out) {
    if (done) {
      return;
    }
    for (ProxyBranch b : branches) {
      if (!b.finished) {
        return;
      }
    }
    if (!finalSent && !stopped && !targets.isEmpty()) {
      nextGroup(out);
      if (!branches.stream().allMatch(b -> b.finished)) {
        return;
      }
      finishIfDone(out);
      return;
    }
    if (!finalSent && !callerCancelled && stageStart < finals.size()) {
      // Every branch failed: the plan may go on (forwarding, the next hunt group member).
      List<Target> more = plan.onFailure(List.copyOf(finals.subList(stageStart, finals.size())));
      stageStart = finals.size();
      if (!more.isEmpty()) {
        stopped = false;
        more.forEach(targets::add);
        finishIfDone(out);
        return;
      }
    }
    done = true;
    if (!finalSent) {
      finalSent = true;
      SipResponse best = best();
      CallPlan.Mailbox box = invite && !callerCancelled ? plan.voicemail() : null;
      if (box == null) {
        relay(best, out);
      } else {
        // Forwarding ends in voicemail (busy, no answer): it answers on our server transaction.
        List<Runnable> refused = new ArrayList<>();
        relay(best, refused);
        out.add(
            () -> {
              if (!proxy.unreachable().take(server, box)) {
                refused.forEach(Runnable::run);
              }
            });
      }
      if (tracked) {
        // The phones' part of the call ends here, whether voicemail takes the rest or not.
        int status = best.status();
        EndedBy by = callerCancelled ? EndedBy.CALLER : EndedBy.SYSTEM;
        out.add(() -> proxy.tracker().failed(callId, callerTag, status, by));
      }
    }
    out.add(() -> proxy.forget(this));
    release(out);
  }

  /**
   * Lets go of what routing needed, once done: the request, the plan, the collected responses and
   * every message the transactions hold. What stays relays a late 2xx (another fork's, or a
   * retransmission) for Timer M, and keeps the context cheap while its dialog lasts.
   */
  private void release(List<Runnable> out) {
    List<ClientTransaction> ended = new ArrayList<>(branches.size());
    for (ProxyBranch b : branches) {
      b.request = null;
      if (b.tx != null) {
        ended.add(b.tx);
      }
    }
    boolean slimServer = answered;
    base = null;
    plan = null;
    finals.clear();
    branches.clear();
    targets.clear();
    out.add(
        () -> {
          ended.forEach(ClientTransaction::slim);
          // Queued behind the relayed 2xx; a failure's transaction slims itself once ACKed.
          if (slimServer) {
            server.slim();
          }
        });
  }

  /** §16.7 step 6: a 6xx if any, else the lowest class, preferring resubmission hints in 4xx. */
  private SipResponse best() {
    if (finals.isEmpty()) {
      return ownResponse(408, null);
    }
    SipResponse chosen = null;
    for (SipResponse r : finals) {
      if (r.statusClass() == 6) {
        chosen = r;
        break;
      }
    }
    if (chosen == null) {
      int lowest = finals.stream().mapToInt(SipResponse::statusClass).min().getAsInt();
      for (SipResponse r : finals) {
        if (r.statusClass() == lowest
            && (chosen == null
                || (RESUBMISSION_HINTS.contains(r.status())
                    && !RESUBMISSION_HINTS.contains(chosen.status())))) {
          chosen = r;
        }
      }
    }
    if (chosen.status() == 401 || chosen.status() == 407) {
      // §16.7 step 7: every challenge of every branch goes to the caller in one response.
      chosen = chosen.copy();
      for (SipResponse other : finals) {
        if (other == chosen || (other.status() != 401 && other.status() != 407)) {
          continue;
        }
        for (String h : List.of(HeaderNames.WWW_AUTHENTICATE, HeaderNames.PROXY_AUTHENTICATE)) {
          for (String v : other.headers().all(h)) {
            if (!chosen.headers().all(h).contains(v)) {
              chosen.addHeader(h, v);
            }
          }
        }
      }
    }
    if (chosen.status() == 503) {
      // §16.7 step 6: a 503 would make the caller believe this proxy is overloaded.
      return ownResponse(500, null);
    }
    return chosen;
  }

  private void nextGroup(List<Runnable> out) {
    for (Target t : targets.nextGroup()) {
      startBranch(t, out);
    }
  }

  /** Forwards a copy of the request to {@code t} as a new branch (§16.6). */
  private void startBranch(Target t, List<Runnable> out) {
    SipRequest fwd = base.copy();
    if (!t.requestUri().equals(base.requestUri())) {
      fwd.setRequestUri(t.requestUri());
    }
    List<Address> path = t.path();
    for (int i = path.size() - 1; i >= 0; i--) {
      fwd.headers().addFirst(HeaderNames.ROUTE, path.get(i).toString());
    }
    t.headers().forEach(fwd::addHeader);
    Endpoint hop = proxy.nextHop(fwd, t);
    ProxyBranch b = new ProxyBranch(this, t, fwd, hop);
    branches.add(b);
    if (hop == null) {
      b.finished = true;
      finals.add(ownResponse(502, "No route to next hop"));
      return;
    }
    proxy.recordRouteBranch(fwd, server.source(), hop);
    fwd.pushVia(
        new Via(
            hop.transport().viaName(),
            proxy.address().host(),
            proxy.address().viaPort(hop.transport()),
            Parameters.NONE.with("branch", proxy.branch(loopHash)).with("rport", null)));
    if (invite) {
      armTimerC(b);
    }
    if (tracked) {
      out.add(() -> observer.branch(this, t, fwd));
    }
    out.add(() -> send(b));
  }

  private void send(ProxyBranch b) {
    SipRequest request;
    synchronized (this) {
      request = b.request;
    }
    if (request == null) {
      return; // The context ended (Timer C) before this branch went out.
    }
    try {
      ClientTransaction tx = proxy.layer().sendRequest(request, b.nextHop, b);
      synchronized (this) {
        if (b.tx == null) {
          b.tx = tx;
        }
      }
    } catch (RuntimeException e) {
      onResponse(b, null, request.createResponse(503, "Cannot send"));
    }
  }

  /**
   * A response of this proxy's own to the caller. It carries one extra Via on top, as every stored
   * branch response carries ours, so {@link #relay} treats all alike.
   */
  private SipResponse ownResponse(int status, String reason) {
    SipRequest req = server.request();
    SipResponse r = req.createResponse(status, reason);
    r.setTo(r.to().withTag(server.localTag()));
    r.pushVia(req.topVia());
    return r;
  }

  private void armTimerC(ProxyBranch b) {
    b.stopTimer();
    Duration ring = b.target.ringTime() != null ? b.target.ringTime() : proxy.config().timerC();
    b.timer = proxy.timers().schedule(ring, () -> onTimerC(b));
  }

  /** Cancels a pending INVITE branch now, or once it has had a provisional response. */
  private void cancel(ProxyBranch b, String reason, List<Runnable> out) {
    if (!invite || b.finished || b.cancelWanted) {
      return;
    }
    b.cancelWanted = true;
    b.cancelReason = reason;
    if (b.provisional) {
      sendCancel(b, out);
    }
  }

  private void sendCancel(ProxyBranch b, List<Runnable> out) {
    b.cancelSent = true;
    b.stopTimer();
    // If the callee never answers the CANCEL with 487, give up after Timer B's span (§9.1).
    b.timer = proxy.timers().schedule(proxy.layer().config().timerB(), () -> onCancelGuard(b));
    ClientTransaction tx = b.tx;
    if (!(tx instanceof InviteClientTransaction ict)) {
      return;
    }
    SipRequest c = ict.createCancel();
    if (b.cancelReason != null) {
      c.addHeader("Reason", b.cancelReason);
    }
    out.add(
        () -> {
          try {
            proxy.layer().sendRequest(c, ict.nextHop(), IGNORE);
          } catch (RuntimeException e) {
            // A CANCEL that cannot go out leaves the guard timer to end the branch.
          }
        });
  }

  /** Sends a branch's response upstream: our Via off, a To tag on locally made finals. */
  private void relay(SipResponse r, List<Runnable> out) {
    SipResponse up = r.copy();
    // §16.7 step 3 removes our Via; the rest is the caller's, as received, so we restore exactly
    // those (a UAS that built its response from a CANCEL still reaches the caller).
    up.removeHeader(HeaderNames.VIA);
    for (String via : server.request().headers().all(HeaderNames.VIA)) {
      up.addHeader(HeaderNames.VIA, via);
    }
    if (up.isFinal() && up.to().tag() == null) {
      up.setTo(up.to().withTag(server.localTag()));
    }
    out.add(() -> server.respond(up));
  }
}
