package dev.switchboard.server.pbx;

import dev.switchboard.server.edge.AuthenticatedCaller;
import dev.switchboard.server.location.LocationService;
import dev.switchboard.server.proxy.CallPlan;
import dev.switchboard.server.proxy.ProxyAddress;
import dev.switchboard.server.proxy.RouteTable;
import dev.switchboard.server.proxy.Target;
import dev.switchboard.server.proxy.TargetResolver;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.store.pbx.PbxSettings;
import dev.switchboard.store.pbx.TenantPbx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The PBX's target determination for calls to a tenant: the dial plan says what the dialled number
 * is (an extension, a group, an emergency or outside number) and a {@link RingPlan} rings it with
 * the extension's forwarding, DND and follow-me. Requests other than INVITE, and extensions memory
 * does not know yet, go the proxy's default way (the location service).
 */
public final class PbxRouting implements TargetResolver {
  private static final Resolution DEFAULT = new Resolution.Default();

  /**
   * The From host of the calls a group's queue places to ring its members: such a call from the
   * node itself rings the members only, where any other call to a queue group joins the queue.
   */
  public static final String QUEUE_LEG_HOST = "queue.invalid";

  private final PbxDirectory pbx;
  private final LocationService location;
  private final RouteTable routes;
  private final Predicate<String> localDomain;
  private final Clock clock;
  private final MessageStore messages;
  private final FeatureCodes features;
  private final BiPredicate<String, String> serviceNumbers;
  private final ProxyAddress self;

  PbxRouting(
      PbxDirectory pbx,
      MessageStore messages,
      DialogStates dialogs,
      LocationService location,
      RouteTable routes,
      Predicate<String> localDomain,
      Clock clock) {
    this(pbx, messages, dialogs, location, routes, localDomain, clock, (d, n) -> false, null);
  }

  /**
   * {@code serviceNumbers}: whether a number of a domain is a service's (a menu, a room, a queue);
   * {@code self}: the node's own address, which its services' calls come from.
   */
  PbxRouting(
      PbxDirectory pbx,
      MessageStore messages,
      DialogStates dialogs,
      LocationService location,
      RouteTable routes,
      Predicate<String> localDomain,
      Clock clock,
      BiPredicate<String, String> serviceNumbers,
      ProxyAddress self) {
    this.pbx = pbx;
    this.self = self;
    this.serviceNumbers = serviceNumbers;
    this.features = new FeatureCodes(pbx, dialogs, location, clock);
    this.messages = messages;
    this.location = location;
    this.routes = routes;
    this.localDomain = localDomain;
    this.clock = clock;
  }

  @Override
  public CompletionStage<Resolution> resolve(Request r) {
    if (r.request().isMethod(SipRequest.MESSAGE) && messages != null) {
      return message(r);
    }
    return route(r);
  }

  /**
   * A MESSAGE from one of our subscribers to an extension with no phone registered is kept for it;
   * everything else goes the proxy's way.
   */
  private CompletionStage<Resolution> message(Request r) {
    String user = r.ruri().user();
    if (r.caller() == null || user == null || r.request().to().tag() != null) {
      return CompletableFuture.completedFuture(DEFAULT);
    }
    String domain = r.domain().toLowerCase(Locale.ROOT);
    String extension = SipUri.unescape(user);
    if (r.callee() == null) {
      return CompletableFuture.completedFuture(DEFAULT);
    }
    String aor = "sip:" + extension + "@" + domain;
    Instant now = clock.instant();
    if (location.lookup(aor).stream().anyMatch(b -> !b.expired(now))) {
      return CompletableFuture.completedFuture(DEFAULT);
    }
    return messages.store(r.request(), aor, domain);
  }

  private CompletionStage<Resolution> route(Request r) {
    SipRequest req = r.request();
    if (!req.isMethod(SipRequest.INVITE) || r.ruri().user() == null) {
      return done(DEFAULT);
    }
    String domain = r.domain().toLowerCase(Locale.ROOT);
    TenantPbx tenant = pbx.tenant(domain);
    AuthenticatedCaller caller = r.caller();
    boolean own = caller != null && caller.domain().equalsIgnoreCase(domain);
    String dialled = SipUri.unescape(r.ruri().user());
    if (r.callee() != null && pbx.options(domain, dialled).isEmpty()) {
      // An extension created a moment ago that the PBX directory has not loaded yet: no call
      // handling to apply, and never mistaken for an outside number.
      return done(DEFAULT);
    }
    Dialled d = DialPlan.classify(tenant, dialled, own);
    boolean queueLeg = d instanceof Dialled.Group && isQueueLeg(r);
    if ((d instanceof Dialled.Unknown || d instanceof Dialled.Outside || d instanceof Dialled.Group)
        && !queueLeg
        && serviceNumbers.test(domain, dialled)) {
      // A menu, conference room or group queue: the node's own services take the call.
      CallPlan.Mailbox service = new CallPlan.Mailbox(domain, dialled);
      return done(
          new Resolution.Proceed(
              List.of(),
              new CallPlan() {
                @Override
                public Mailbox voicemail() {
                  return service;
                }
              }));
    }
    RingPlan plan =
        new RingPlan(
            pbx,
            location,
            routes,
            localDomain,
            clock,
            domain,
            r.tracker(),
            req.callId(),
            req.from().tag());
    if (d instanceof Dialled.Extension e) {
      if (req.header("Replaces") != null) {
        // RFC 3891: the INVITE joins a call a phone of the extension already has (an attended
        // transfer), so it goes to the registered phones whatever DND or forwarding say, each
        // branch knowing its address of record so the call record says who answered.
        return done(proceed(plan, plan.startReplacing(e.user())));
      }
      return done(proceed(plan, plan.startExtension(e.user())));
    }
    if (d instanceof Dialled.Group g) {
      return done(
          proceed(plan, queueLeg ? plan.startMembers(g.group()) : plan.startGroup(g.group())));
    }
    if (d instanceof Dialled.Emergency e) {
      return done(emergency(tenant.settings(), e.number()));
    }
    if (d instanceof Dialled.Outside o) {
      return done(outside(tenant.settings(), o.e164()));
    }
    if (d instanceof Dialled.FeatureCode f) {
      return features.dial(f, domain, caller.user(), r.tracker());
    }
    return done(DEFAULT);
  }

  /** A queue ringing its group's members: our From host, sent by the node itself. */
  private boolean isQueueLeg(Request r) {
    if (self == null
        || !(r.request().from().uri() instanceof SipUri from)
        || !QUEUE_LEG_HOST.equalsIgnoreCase(from.host())) {
      return false;
    }
    java.net.InetSocketAddress source = r.tx().source().address();
    return self.isUs(source.getAddress().getHostAddress(), source.getPort());
  }

  private static Resolution proceed(RingPlan plan, List<Target> targets) {
    if (targets.isEmpty() && plan.voicemail() == null) {
      return new Resolution.Answer(plan.failureStatus(), plan.failureReason());
    }
    return new Resolution.Proceed(targets, plan);
  }

  private Resolution emergency(PbxSettings s, String number) {
    String route = s.emergencyRoute() != null ? s.emergencyRoute() : s.outboundRoute();
    Target t = Outside.target(route, number, routes);
    return t == null
        ? new Resolution.Answer(503, "No emergency route configured")
        : new Resolution.Proceed(List.of(t), plan0());
  }

  private Resolution outside(PbxSettings s, String e164) {
    Target t = Outside.target(s.outboundRoute(), e164, routes);
    return t == null ? DEFAULT : new Resolution.Proceed(List.of(t), plan0());
  }

  private static CompletionStage<Resolution> done(Resolution r) {
    return CompletableFuture.completedFuture(r);
  }

  private static CallPlan plan0() {
    return CallPlan.NONE;
  }

  /** Emergency numbers go through for a caller whose account or tenant is suspended. */
  @Override
  public boolean alwaysAllowed(String callerDomain, SipUri ruri) {
    if (ruri.user() == null || !ruri.host().equalsIgnoreCase(callerDomain)) {
      return false;
    }
    String digits = DialPlan.visualSeparatorsRemoved(SipUri.unescape(ruri.user()));
    return pbx.tenant(callerDomain).settings().emergencyNumbers().contains(digits);
  }
}
