package dev.switchboard.server.pbx;

import dev.switchboard.server.location.Binding;
import dev.switchboard.server.location.LocationService;
import dev.switchboard.server.proxy.Branching;
import dev.switchboard.server.proxy.CallPlan;
import dev.switchboard.server.proxy.CallTracker;
import dev.switchboard.server.proxy.RouteTable;
import dev.switchboard.server.proxy.Target;
import dev.switchboard.server.usage.CallDetailRecord.Routing;
import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.sip.message.Uri;
import dev.switchboard.sip.transport.Endpoint;
import dev.switchboard.store.account.AccountOptions;
import dev.switchboard.store.account.AccountOptions.FollowMeStep;
import dev.switchboard.store.pbx.RingGroup;
import dev.switchboard.store.pbx.RingStrategy;
import dev.switchboard.store.pbx.TenantPbx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How one call to a tenant is rung, stage by stage: an extension's phones, then what its
 * forwarding, follow-me or a group's strategy says comes next when a stage fails. Each stage is
 * worked out when it starts (who is registered then, how much of a group's time is left); a
 * destination reached twice ends the chain, which stops forwarding loops.
 */
final class RingPlan implements CallPlan {

  /** Forwarding hops one call may take before the plan gives up. */
  static final int MAX_HOPS = 8;

  /** A step of the plan: what to ring now, and what follows its failure. */
  private interface Stage {
    List<Target> targets();

    /** The stage after this one failed with {@code outcome}; null when nothing follows. */
    Stage next(Outcome outcome);
  }

  private final PbxDirectory pbx;
  private final LocationService location;
  private final RouteTable routes;
  private final Predicate<String> localDomain;
  private final Clock clock;
  private final String domain;
  private final CallTracker tracker;
  private final Set<String> visited = new HashSet<>();
  private String callId;
  private String callerTag;
  private Stage current;
  private int hops;
  private Outcome lastOutcome = Outcome.UNAVAILABLE;
  private boolean loopStopped;
  private boolean attached;
  private Routing routing = Routing.DIRECT;
  private Mailbox mailbox;

  RingPlan(
      PbxDirectory pbx,
      LocationService location,
      RouteTable routes,
      Predicate<String> localDomain,
      Clock clock,
      String domain,
      CallTracker tracker,
      String callId,
      String callerTag) {
    this.pbx = pbx;
    this.location = location;
    this.routes = routes;
    this.localDomain = localDomain;
    this.clock = clock;
    this.domain = domain;
    this.tracker = tracker;
    this.callId = callId;
    this.callerTag = callerTag;
  }

  // ----- entry points -----

  /** The first targets for a call to extension {@code user}; empty when nothing rings at all. */
  synchronized List<Target> startExtension(String user) {
    return begin(extension(user, null, false));
  }

  /**
   * The targets for an INVITE with Replaces to extension {@code user}: its registered phones only,
   * no DND or forwarding (the call it replaces is on one of them).
   */
  synchronized List<Target> startReplacing(String user) {
    return begin(extension(user, null, true));
  }

  synchronized List<Target> startGroup(RingGroup g) {
    routed(Routing.GROUP);
    return begin(group(g, out -> groupEnd(g)));
  }

  /**
   * The members of {@code g} by its strategy and nothing after them: a group's queue ringing them
   * for its caller (the queue itself knows where a caller goes after waiting too long).
   */
  synchronized List<Target> startMembers(RingGroup g) {
    routed(Routing.GROUP);
    return begin(group(g, out -> null));
  }

  /** What the caller should hear when the plan had nothing to ring. */
  synchronized int failureStatus() {
    return loopStopped ? 482 : lastOutcome.status();
  }

  synchronized String failureReason() {
    return loopStopped ? "Forwarding Loop" : null;
  }

  private List<Target> begin(Stage first) {
    current = first;
    return advance(null);
  }

  @Override
  public synchronized void attach(Branching call) {
    callId = call.callId();
    callerTag = call.callerTag();
    attached = true;
    if (tracker != null && routing != Routing.DIRECT) {
      // The call record starts with the first branch; how the first stage was chosen goes in now.
      tracker.routed(callId, callerTag, routing);
    }
  }

  @Override
  public synchronized List<Target> onFailure(List<SipResponse> finals) {
    if (current == null) {
      return List.of();
    }
    return advance(Outcome.of(finals));
  }

  @Override
  public synchronized List<Target> onRedirect(SipUri contact) {
    String host = contact.host().toLowerCase(java.util.Locale.ROOT);
    if (!localDomain.test(host) || contact.user() == null) {
      return null;
    }
    Stage s = destination("sip:" + SipUri.unescape(contact.user()) + "@" + host, null, null);
    if (s == null) {
      return List.of();
    }
    routed(Routing.FORWARDED);
    return s.targets();
  }

  /** Walks from the current stage (failed with {@code outcome}, or starting) to one that rings. */
  private List<Target> advance(Outcome outcome) {
    Stage s = current;
    Outcome o = outcome;
    if (o != null) {
      lastOutcome = o;
      s = s.next(o);
    }
    while (s != null) {
      List<Target> t = s.targets();
      if (!t.isEmpty()) {
        mailbox = null;
        current = s;
        return t;
      }
      lastOutcome = lastOutcome == Outcome.BUSY ? Outcome.BUSY : Outcome.UNAVAILABLE;
      s = s.next(lastOutcome);
    }
    current = null;
    return List.of();
  }

  private void routed(Routing r) {
    routing = r;
    if (tracker != null && attached) {
      tracker.routed(callId, callerTag, r);
    }
  }

  @Override
  public synchronized Mailbox voicemail() {
    return mailbox;
  }

  /** How the call has been routed so far (direct until a rule or group took it). */
  synchronized Routing routing() {
    return routing;
  }

  // ----- stages -----

  /**
   * An extension with its own call handling ({@code plain}: only its phones, as a group member or
   * follow-me step rings it), {@code ringTime} overriding its own.
   */
  private Stage extension(String user, Duration ringTime, boolean plain) {
    String aor = "sip:" + user + "@" + domain;
    if (!plain && !visited.add(aor)) {
      loopStopped = true;
      return null;
    }
    Optional<AccountOptions> found = pbx.options(domain, user);
    if (found.isEmpty()) {
      return null;
    }
    AccountOptions o = found.get();
    if (!plain) {
      if (o.doNotDisturb()) {
        lastOutcome = Outcome.BUSY;
        return failed(Outcome.BUSY, out -> forward(o.forwardBusy(), user, Outcome.BUSY));
      }
      if (o.forwardUnconditional() != null) {
        Stage f = forward(o.forwardUnconditional(), user, null);
        if (f != null) {
          return f;
        }
      }
    }
    List<Binding> bindings = bindings(aor);
    if (bindings.isEmpty()) {
      if (plain) {
        return null;
      }
      if (o.forwardUnregistered() != null) {
        return forward(o.forwardUnregistered(), user, Outcome.UNAVAILABLE);
      }
      return failed(Outcome.UNAVAILABLE, out -> afterNoAnswer(o, user, 0));
    }
    Duration ring =
        ringTime != null
            ? ringTime
            : (!plain && (o.forwardNoAnswer() != null || !o.followMe().isEmpty()))
                ? Duration.ofSeconds(o.noAnswerSeconds())
                : null;
    List<Target> targets = phones(bindings, ring, aor);
    if (plain) {
      return fixed(targets, out -> null);
    }
    return fixed(
        targets,
        out ->
            out == Outcome.BUSY
                ? forward(o.forwardBusy(), user, Outcome.BUSY)
                : afterNoAnswer(o, user, 0));
  }

  /** Follow-me step {@code from} onwards, then no-answer forwarding. */
  private Stage afterNoAnswer(AccountOptions o, String user, int from) {
    for (int i = from; i < o.followMe().size(); i++) {
      FollowMeStep step = o.followMe().get(i);
      Stage s = plainDestination(step.destination(), Duration.ofSeconds(step.ringSeconds()), user);
      if (s != null) {
        int nextStep = i + 1;
        routed(Routing.FORWARDED);
        return chained(s, out -> afterNoAnswer(o, user, nextStep));
      }
    }
    return forward(o.forwardNoAnswer(), user, Outcome.NO_ANSWER);
  }

  /** A forwarding of {@code user}'s call to {@code destination}, or null when there is none. */
  private Stage forward(String destination, String user, Outcome why) {
    if (destination == null) {
      return null;
    }
    if (++hops > MAX_HOPS) {
      loopStopped = true;
      return null;
    }
    Map<String, String> diversion =
        Map.of(
            "Diversion",
            "<sip:"
                + user
                + "@"
                + domain
                + ">;reason="
                + (why == null ? "unconditional" : why.diversionReason()));
    Stage s = destination(destination, user, diversion);
    if (s != null) {
      routed(Routing.FORWARDED);
    }
    return s;
  }

  /**
   * Where a forwarding destination leads: an extension (with its own forwarding), a group, another
   * domain, an outside number, or {@code user}'s voicemail.
   */
  private Stage destination(String destination, String user, Map<String, String> headers) {
    TenantPbx t = pbx.tenant(domain);
    if (destination.equals("voicemail")) {
      return voicemail(t, user, headers);
    }
    if (destination.regionMatches(true, 0, "sip", 0, 3)) {
      SipUri uri = sipUri(destination);
      if (uri == null) {
        return null;
      }
      String host = uri.host().toLowerCase(java.util.Locale.ROOT);
      if (host.equals(domain) && uri.user() != null) {
        return local(t, SipUri.unescape(uri.user()), headers);
      }
      if (localDomain.test(host)) {
        return null; // another tenant's extension: not a place to forward to
      }
      Endpoint hop = routes.nextHop(host).orElse(null);
      return outside(new Target(uri, 1000, List.of(), hop, null, null, headersOrEmpty(headers)));
    }
    return local(t, destination, headers);
  }

  /** A number of this tenant: an extension, a group, else an outside number. */
  private Stage local(TenantPbx t, String number, Map<String, String> headers) {
    Dialled d = DialPlan.classify(t, number, true);
    if (d instanceof Dialled.Extension e) {
      Stage s = extension(e.user(), null, false);
      return s == null ? null : withHeaders(s, headers);
    }
    if (d instanceof Dialled.Group g) {
      if (!visited.add("group:" + g.group().number())) {
        loopStopped = true;
        return null;
      }
      routed(Routing.GROUP);
      RingGroup group = g.group();
      return withHeaders(group(group, out -> groupEnd(group)), headers);
    }
    if (d instanceof Dialled.Outside o) {
      Target target = Outside.target(t.settings().outboundRoute(), o.e164(), routes);
      return target == null ? null : outside(target.withHeaders(headersOrEmpty(headers)));
    }
    return null;
  }

  /** A follow-me destination: only phones or a number, rung for {@code ring}. */
  private Stage plainDestination(String destination, Duration ring, String user) {
    TenantPbx t = pbx.tenant(domain);
    if (!destination.regionMatches(true, 0, "sip", 0, 3)) {
      Dialled d = DialPlan.classify(t, destination, true);
      if (d instanceof Dialled.Extension e) {
        return e.user().equals(user) ? null : extension(e.user(), ring, true);
      }
    }
    Stage s = destination(destination, user, null);
    if (s == null) {
      return null;
    }
    List<Target> ringing = new ArrayList<>();
    for (Target x : s.targets()) {
      ringing.add(x.withRingTime(ring));
    }
    return fixed(ringing, out -> null);
  }

  private Stage voicemail(TenantPbx t, String user, Map<String, String> headers) {
    String uri = t.settings().voicemailUri();
    if (user == null) {
      return null;
    }
    if (uri == null) {
      // The server's own voicemail: nothing rings; once this stage is reached the proxy hands
      // the call to the mailbox.
      return new Stage() {
        @Override
        public List<Target> targets() {
          mailbox = new Mailbox(domain, user);
          return List.of();
        }

        @Override
        public Stage next(Outcome outcome) {
          return null;
        }
      };
    }
    SipUri vm = sipUri(uri.replace("USER", user));
    if (vm == null) {
      return null;
    }
    String host = vm.host().toLowerCase(java.util.Locale.ROOT);
    Endpoint hop = routes.nextHop(host).orElse(null);
    return outside(new Target(vm, 1000, List.of(), hop, null, null, headersOrEmpty(headers)));
  }

  private Stage outside(Target target) {
    return fixed(List.of(target), out -> null);
  }

  /** A ring or hunt group: its members by strategy, then {@code end} (its final destination). */
  private Stage group(RingGroup g, Function<Outcome, Stage> end) {
    Instant deadline = clock.instant().plusSeconds(g.totalRingSeconds());
    Duration member = Duration.ofSeconds(g.memberRingSeconds());
    List<String> order = new ArrayList<>(g.members());
    if (g.strategy() == RingStrategy.ROUND_ROBIN) {
      int start = pbx.nextStart(domain, g);
      List<String> rotated = new ArrayList<>(order.subList(start, order.size()));
      rotated.addAll(order.subList(0, start));
      order = rotated;
    }
    if (g.strategy() == RingStrategy.SIMULTANEOUS) {
      List<String> members = order;
      return new Stage() {
        @Override
        public List<Target> targets() {
          Duration ring = min(member, Duration.between(clock.instant(), deadline));
          List<Target> all = new ArrayList<>();
          for (String m : members) {
            all.addAll(memberTargets(m, ring));
          }
          return all;
        }

        @Override
        public Stage next(Outcome outcome) {
          return end.apply(outcome);
        }
      };
    }
    return hunt(order, 0, member, deadline, end);
  }

  private Stage hunt(
      List<String> order, int i, Duration member, Instant deadline, Function<Outcome, Stage> end) {
    if (i >= order.size()) {
      return new Stage() {
        @Override
        public List<Target> targets() {
          return List.of();
        }

        @Override
        public Stage next(Outcome outcome) {
          return end.apply(outcome);
        }
      };
    }
    return new Stage() {
      @Override
      public List<Target> targets() {
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
          return List.of();
        }
        return memberTargets(order.get(i), min(member, left));
      }

      @Override
      public Stage next(Outcome outcome) {
        if (!clock.instant().isBefore(deadline)) {
          return end.apply(outcome);
        }
        return hunt(order, i + 1, member, deadline, end);
      }
    };
  }

  /** A member's phones, all at one q so they ring together; none in DND or unregistered. */
  private List<Target> memberTargets(String user, Duration ring) {
    Optional<AccountOptions> o = pbx.options(domain, user);
    if (o.isEmpty() || o.get().doNotDisturb()) {
      return List.of();
    }
    Stage s = extension(user, ring, true);
    if (s == null) {
      return List.of();
    }
    List<Target> t = new ArrayList<>();
    for (Target x : s.targets()) {
      t.add(x.withQ(1000));
    }
    return t;
  }

  private Stage groupEnd(RingGroup g) {
    if (g.finalDestination() == null) {
      return null;
    }
    return destination(g.finalDestination(), null, null);
  }

  // ----- stage helpers -----

  private static Stage fixed(List<Target> targets, Function<Outcome, Stage> next) {
    return new Stage() {
      @Override
      public List<Target> targets() {
        return targets;
      }

      @Override
      public Stage next(Outcome outcome) {
        return next.apply(outcome);
      }
    };
  }

  /** A stage that rings nothing and fails with {@code outcome}. */
  private Stage failed(Outcome outcome, Function<Outcome, Stage> next) {
    return new Stage() {
      @Override
      public List<Target> targets() {
        lastOutcome = outcome;
        return List.of();
      }

      @Override
      public Stage next(Outcome ignored) {
        return next.apply(outcome);
      }
    };
  }

  private static Stage chained(Stage first, Function<Outcome, Stage> after) {
    return new Stage() {
      @Override
      public List<Target> targets() {
        return first.targets();
      }

      @Override
      public Stage next(Outcome outcome) {
        Stage n = first.next(outcome);
        return n != null ? n : after.apply(outcome);
      }
    };
  }

  private static Stage withHeaders(Stage s, Map<String, String> headers) {
    if (s == null || headers == null || headers.isEmpty()) {
      return s;
    }
    return new Stage() {
      @Override
      public List<Target> targets() {
        List<Target> t = new ArrayList<>();
        for (Target x : s.targets()) {
          t.add(x.withHeaders(headers));
        }
        return t;
      }

      @Override
      public Stage next(Outcome outcome) {
        return s.next(outcome);
      }
    };
  }

  /**
   * The registered phones of {@code aor} as targets, each rung for {@code ring} (null: Timer C).
   */
  static List<Target> phones(List<Binding> bindings, Duration ring, String aor) {
    List<Target> targets = new ArrayList<>();
    for (Binding b : bindings) {
      Uri contact = b.contact().uri();
      if (contact instanceof SipUri su) {
        contact = su.withoutHeaders();
      }
      targets.add(new Target(contact, b.qMillis(), b.path(), b.source(), ring, aor, Map.of()));
    }
    return targets;
  }

  private List<Binding> bindings(String aor) {
    Instant now = clock.instant();
    return location.lookup(aor).stream().filter(b -> !b.expired(now)).toList();
  }

  /** {@code text} as a SIP URI, or null when it is not one. */
  private static SipUri sipUri(String text) {
    try {
      return Address.parse("<" + text + ">").uri() instanceof SipUri u ? u : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Map<String, String> headersOrEmpty(Map<String, String> h) {
    return h == null ? Map.of() : h;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
