package dev.switchboard.server.proxy;

import dev.switchboard.server.directory.Subscriber;
import dev.switchboard.server.directory.SubscriberDirectory;
import dev.switchboard.server.directory.TenantRouting;
import dev.switchboard.server.edge.AuthenticatedCaller;
import dev.switchboard.server.edge.DigestGate;
import dev.switchboard.server.edge.DomainName;
import dev.switchboard.server.edge.Origin;
import dev.switchboard.server.location.Binding;
import dev.switchboard.server.location.LocationService;
import dev.switchboard.server.proxy.CallTracker.Leg;
import dev.switchboard.server.usage.CallDetailRecord.Direction;
import dev.switchboard.server.usage.CallDetailRecord.EndedBy;
import dev.switchboard.server.usage.UsageSink;
import dev.switchboard.sip.auth.ChallengeKind;
import dev.switchboard.sip.auth.DigestCredentials;
import dev.switchboard.sip.auth.DigestParseException;
import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.message.HeaderNames;
import dev.switchboard.sip.message.Parameters;
import dev.switchboard.sip.message.SipParseException;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.sip.message.TelUri;
import dev.switchboard.sip.message.Uri;
import dev.switchboard.sip.message.Via;
import dev.switchboard.sip.transaction.InviteServerTransaction;
import dev.switchboard.sip.transaction.ServerTransaction;
import dev.switchboard.sip.transaction.TimerService;
import dev.switchboard.sip.transaction.TransactionLayer;
import dev.switchboard.sip.transport.Endpoint;
import dev.switchboard.sip.transport.TransportKind;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RFC 3261 §16 stateful proxy and §8.3 redirect server of our domains: validates, routes,
 * authenticates callers from our domains, finds targets in the location service or the route table,
 * forks, and relays the best response.
 */
public final class Proxy {
  private static final Logger log = LoggerFactory.getLogger(Proxy.class);

  private final TransactionLayer layer;
  private final TimerService timers;
  private final Clock clock;
  private final ProxyConfig config;
  private final ProxyAddress address;
  private final SubscriberDirectory directory;
  private final LocationService location;
  private final DigestGate gate;
  private final RouteToken tokens;
  private final CallTracker tracker;
  private volatile UnreachableTarget unreachable = UnreachableTarget.NONE;
  private volatile InDialogHook inDialog = InDialogHook.NONE;

  /** The user part that calls one's own mailbox ({@code sip:voicemail@DOMAIN}). */
  public static final String VOICEMAIL_USER = "voicemail";

  private final ProxyHooks hooks;
  private final ConcurrentHashMap<ServerTransaction, ResponseContext> contexts =
      new ConcurrentHashMap<>();

  public Proxy(
      TransactionLayer layer,
      TimerService timers,
      Clock clock,
      ProxyConfig config,
      ProxyAddress address,
      SubscriberDirectory directory,
      LocationService location,
      DigestGate gate,
      byte[] routeSecret,
      UsageSink usage) {
    this(
        layer,
        timers,
        clock,
        config,
        address,
        directory,
        location,
        gate,
        routeSecret,
        usage,
        ProxyHooks.NONE);
  }

  /** A proxy whose target determination and call events {@code hooks} extend. */
  public Proxy(
      TransactionLayer layer,
      TimerService timers,
      Clock clock,
      ProxyConfig config,
      ProxyAddress address,
      SubscriberDirectory directory,
      LocationService location,
      DigestGate gate,
      byte[] routeSecret,
      UsageSink usage,
      ProxyHooks hooks) {
    this.layer = layer;
    this.timers = timers;
    this.clock = clock;
    this.config = config;
    this.address = address;
    this.directory = directory;
    this.location = location;
    this.gate = gate;
    this.tokens = new RouteToken(routeSecret);
    this.hooks = hooks;
    this.tracker =
        new CallTracker(usage, clock, timers, config.maxCallDuration(), hooks.observer());
  }

  ProxyHooks hooks() {
    return hooks;
  }

  UnreachableTarget unreachable() {
    return unreachable;
  }

  TransactionLayer layer() {
    return layer;
  }

  TimerService timers() {
    return timers;
  }

  ProxyConfig config() {
    return config;
  }

  public ProxyAddress address() {
    return address;
  }

  public CallTracker tracker() {
    return tracker;
  }

  /** Requests being proxied statefully right now. */
  public int activeContexts() {
    return contexts.size();
  }

  /**
   * Whether {@code uri} names this server itself (no user part, our address or a domain of ours).
   */
  public boolean isUs(SipUri uri) {
    return uri.user() == null
        && (address.isUs(uri) || directory.isLocalDomain(DomainName.normalize(uri.host())));
  }

  /** Whether {@code host} is this server's own address (any port), not a tenant domain. */
  public boolean isOurHost(String host) {
    return address.isUsHost(host);
  }

  /**
   * Whether the URI names this server's own address (not a tenant domain), with any user part: a
   * request there, such as a monitoring OPTIONS ping, is for this server itself.
   */
  public boolean isOurAddress(SipUri uri) {
    return address.isUs(uri) && !directory.isLocalDomain(DomainName.normalize(uri.host()));
  }

  /** A new request that is not ours to answer as a UAS. */
  public void onRequest(ServerTransaction tx) {
    SipRequest req = tx.request();
    try {
      int maxForwards = req.maxForwards();
      if (maxForwards == 0) {
        reply(tx, 483, null);
        return;
      }
      String hash = loopHash(req);
      for (Via v : req.vias()) {
        // §16.3 step 4: our own branch with the same hash means the request came back unchanged.
        String b = v.branch();
        if (b != null && b.endsWith("-" + hash) && address.isUs(v)) {
          reply(tx, 482, null);
          return;
        }
      }
      SipRequest base = req.copy();
      OurRoute route = processRoutes(base);
      base.setHeader(
          HeaderNames.MAX_FORWARDS, maxForwards < 0 ? "70" : Integer.toString(maxForwards - 1));
      if (req.to().tag() != null) {
        inDialog(tx, base, route, hash);
      } else {
        initial(tx, base, hash);
      }
    } catch (SipParseException e) {
      reply(tx, 400, e.getMessage());
    }
  }

  /** The caller cancelled an INVITE (§16.10); the layer has answered the CANCEL already. */
  public void onCancel(InviteServerTransaction target, SipRequest cancel) {
    ResponseContext ctx = contexts.get(target);
    if (ctx != null) {
      ctx.onCancel(cancel);
    } else if (target.lastResponse() == null || target.lastResponse().isProvisional()) {
      // Still authenticating or looking up: nothing went out, so the proxy ends it itself.
      target.respond(487);
    }
  }

  /** An ACK outside any transaction: the ACK for a 2xx, forwarded statelessly along its Route. */
  public void onAck(SipRequest ack, Endpoint source) {
    try {
      if (ack.maxForwards() == 0) {
        return;
      }
      SipRequest fwd = ack.copy();
      OurRoute route = processRoutes(fwd);
      if (!ours(route, ack)) {
        return; // Not a dialog we record-routed: not ours to pass on.
      }
      sanitize(fwd, null, false);
      int mf = ack.maxForwards();
      fwd.setHeader(HeaderNames.MAX_FORWARDS, mf < 0 ? "70" : Integer.toString(mf - 1));
      Endpoint hop = nextHop(fwd, Target.of(fwd.requestUri(), route.flowAway(source)));
      if (hop == null) {
        return;
      }
      // §16.11: a stateless branch must be the same for retransmissions, so derive it.
      String branch = Via.MAGIC_COOKIE + "a" + fnv(ack.topVia().toString() + ack.callId());
      fwd.pushVia(
          new Via(
              hop.transport().viaName(),
              address.host(),
              address.viaPort(hop.transport()),
              Parameters.NONE.with("branch", branch).with("rport", null)));
      layer.sendStateless(fwd, hop);
    } catch (SipParseException e) {
      log.debug("dropped an ACK that cannot be routed: {}", e.getMessage());
    }
  }

  /** A response that matches no transaction: a late 2xx to INVITE goes on statelessly (§16.7). */
  public void onStrayResponse(SipResponse r, Endpoint source) {
    try {
      if (!r.isSuccess()
          || !r.cseq().method().equals(SipRequest.INVITE)
          || !address.isUs(r.topVia())) {
        return;
      }
      SipResponse up = r.copy();
      up.popVia();
      if (!up.headers().contains(HeaderNames.VIA)) {
        return;
      }
      Endpoint dest = viaDestination(up.topVia());
      if (dest != null) {
        layer.sendStateless(up, dest);
      }
    } catch (SipParseException e) {
      log.debug("dropped a stray response: {}", e.getMessage());
    }
  }

  /**
   * What {@link #processRoutes} found of ours: whether the request was routed to us at all, the
   * dialog token our Record-Route URI carried (null when none), and the connection flows of the
   * dialog's TLS sides that our Record-Route URIs name.
   */
  private record OurRoute(boolean present, String token, List<Endpoint> flows) {
    static final OurRoute NONE = new OurRoute(false, null, List.of());

    OurRoute and(SipUri ours, RouteToken tokens) {
      String t = ours.param(RouteToken.PARAM);
      List<Endpoint> more = flows;
      Endpoint flow = tokens.flowOf(ours.param(FLOW_PARAM));
      if (flow != null) {
        more = new ArrayList<>(flows);
        more.add(flow);
      }
      return new OurRoute(true, t != null ? t : token, more);
    }

    /**
     * The flow a request from {@code source} goes on (RFC 5626 §5.3): one of the dialog's flows
     * that is not the one it came in on; null when the Request-URI decides.
     */
    Endpoint flowAway(Endpoint source) {
      for (Endpoint f : flows) {
        if (!f.equals(source)) {
          return f;
        }
      }
      return null;
    }
  }

  /** The Record-Route URI parameter that names a TLS side's connection flow. */
  static final String FLOW_PARAM = "flow";

  /**
   * §16.4: a Request-URI of ours came from a strict router, so the last Route is the real one; then
   * Route entries naming us are consumed. Returns what of ours was there.
   */
  private OurRoute processRoutes(SipRequest r) {
    OurRoute found = OurRoute.NONE;
    if (r.requestUri() instanceof SipUri ru && ru.user() == null && address.isUs(ru)) {
      List<Address> routes = r.routes();
      if (!routes.isEmpty()) {
        Address last = routes.remove(routes.size() - 1);
        r.setRequestUri(last.uri());
        r.removeHeader(HeaderNames.ROUTE);
        for (Address a : routes) {
          r.addHeader(HeaderNames.ROUTE, a.toString());
        }
        found = found.and(ru, tokens);
      }
    }
    while (r.headers().contains(HeaderNames.ROUTE)) {
      List<Address> routes = r.routes();
      if (!routes.isEmpty() && routes.get(0).uri() instanceof SipUri u && address.isUs(u)) {
        r.popRoute();
        found = found.and(u, tokens);
      } else {
        break;
      }
    }
    return found;
  }

  /** Whether {@code route} proves {@code request} belongs to a dialog we record-routed. */
  private boolean ours(OurRoute route, SipRequest request) {
    return route.present()
        && tokens.valid(route.token(), request.callId(), request.from().tag(), request.to().tag());
  }

  /** A request inside a dialog goes where its Route set says; we must be on that route. */
  private void inDialog(ServerTransaction tx, SipRequest base, OurRoute route, String hash) {
    if (!ours(route, tx.request())) {
      // Forged or foreign: relaying it would let anyone send through us (toll fraud).
      reply(tx, 403, "Dialog Not Record-Routed Here");
      return;
    }
    sanitize(base, null, false);
    if (base.isMethod(SipRequest.BYE)) {
      tracker.bye(base);
    } else if (base.isMethod(SipRequest.REFER)) {
      tracker.referred(base);
    }
    Endpoint flow = route.flowAway(tx.source());
    CallPlan plan = inDialog.forwarding(base); // music on hold may rewrite a hold offer
    proxyTo(tx, base, List.of(Target.of(base.requestUri(), flow)), false, hash, plan);
  }

  private void initial(ServerTransaction tx, SipRequest base, String hash) {
    if (base.requestUri() instanceof TelUri tel
        && Origin.of(tx.request(), directory, this::isOurHost) instanceof Origin.Local l) {
      // A number dialled as tel: is dialled in the caller's own domain (its dial plan decides).
      base.setRequestUri(SipUri.of(tel.number(), l.domain()).withParam("user", "phone"));
    }
    if (!(base.requestUri() instanceof SipUri ruri)) {
      reply(tx, 404, "No route to this URI");
      return;
    }
    SipRequest req = tx.request();
    Origin origin = Origin.of(req, directory, this::isOurHost);
    boolean fromLocal = origin instanceof Origin.Local;
    String toDomain = DomainName.normalize(ruri.host());
    boolean toLocal = directory.isLocalDomain(toDomain);
    if (!fromLocal && !toLocal) {
      reply(tx, 403, "Relaying denied");
      return;
    }
    String fromDomain = fromLocal ? ((Origin.Local) origin).domain() : null;
    List<Leg> legs = new ArrayList<>(2);
    if (fromLocal && toLocal && fromDomain.equals(toDomain)) {
      legs.add(new Leg(fromDomain, Direction.INTERNAL));
    } else {
      if (fromLocal) {
        legs.add(new Leg(fromDomain, Direction.OUTBOUND));
      }
      if (toLocal) {
        legs.add(new Leg(toDomain, Direction.INBOUND));
      }
    }
    Routing routing = new Routing(tx, base, ruri, toDomain, toLocal, legs, hash, null);
    if (!(origin instanceof Origin.Local local)) {
      sanitize(base, null, true); // an outsider may not steer the request, nor vouch for anyone
      route(routing);
      return;
    }
    if (local.user() == null) {
      reply(tx, 403, "No user in From");
      return;
    }
    gate.forTransaction(tx, local.domain(), ChallengeKind.PROXY)
        .whenComplete(
            (decision, error) -> {
              if (error != null) {
                log.warn("caller check failed", error);
                reply(tx, 500, "Caller check failed");
              } else if (decision instanceof DigestGate.Decision.Pass pass) {
                callerProved(routing, local, pass.caller());
              } else if (decision instanceof DigestGate.Decision.Deny deny) {
                SipResponse r = deny.response();
                if (r.to().tag() == null) {
                  r.setTo(r.to().withTag(tx.localTag()));
                }
                tx.respond(r);
              } else {
                reply(tx, 500, "Caller check failed");
              }
            });
  }

  /** The From user proved who it is: may it call, and then on with its asserted identity. */
  private void callerProved(Routing routing, Origin.Local claimed, AuthenticatedCaller caller) {
    if (!caller.user().equals(claimed.user())) {
      reply(routing.tx(), 403, "Credentials are not the From user");
      return;
    }
    if (!caller.subscriber().admitted()
        && !(hooks.resolver() != null
            && hooks.resolver().alwaysAllowed(caller.domain(), routing.ruri()))) {
      reply(routing.tx(), 403, "Account disabled");
      return;
    }
    // A pre-loaded Route is followed only towards another domain, never to reach our own users,
    // whose contacts the location service (not the caller) decides.
    sanitize(routing.base(), caller, routing.local());
    route(routing.withCaller(caller));
  }

  /**
   * What we forward never carries our tenants' credentials (offline cracking material) nor an
   * identity we did not assert: P-Asserted-Identity and its kin are removed and, for a caller who
   * proved itself, set by us (RFC 3325); {@code dropRoutes} discards a pre-loaded Route set.
   */
  private void sanitize(SipRequest r, AuthenticatedCaller caller, boolean dropRoutes) {
    removeOurCredentials(r, HeaderNames.PROXY_AUTHORIZATION);
    removeOurCredentials(r, HeaderNames.AUTHORIZATION);
    r.removeHeader(HeaderNames.P_PREFERRED_IDENTITY);
    r.removeHeader(HeaderNames.REMOTE_PARTY_ID);
    r.removeHeader(HeaderNames.P_ASSERTED_IDENTITY);
    if (caller != null) {
      String display = null;
      try {
        display = r.from().displayName();
      } catch (SipParseException e) {
        // no display name then
      }
      Address asserted = Address.of(SipUri.of(caller.user(), caller.domain()));
      if (display != null && !display.isEmpty()) {
        asserted = new Address(display, asserted.uri(), true, Parameters.NONE);
      }
      r.setHeader(HeaderNames.P_ASSERTED_IDENTITY, asserted.toString());
    }
    if (dropRoutes) {
      r.removeHeader(HeaderNames.ROUTE);
    }
  }

  private void removeOurCredentials(SipRequest r, String header) {
    List<String> values = r.headers().all(header);
    if (values.isEmpty()) {
      return;
    }
    List<String> kept = new ArrayList<>(values.size());
    for (String v : values) {
      String realm = null;
      try {
        realm = DigestCredentials.parse(v).realm();
      } catch (DigestParseException | IllegalArgumentException e) {
        // Not digest, or broken: nobody downstream can use it either way.
      }
      if (realm != null && !directory.isLocalDomain(DomainName.normalize(realm))) {
        kept.add(v);
      }
    }
    r.removeHeader(header);
    for (String v : kept) {
      r.addHeader(header, v);
    }
  }

  /** What target determination needs to know about one initial request. */
  /** Sets who sees requests inside dialogs on their way through (music on hold). */
  public void setInDialogHook(InDialogHook hook) {
    this.inDialog = hook == null ? InDialogHook.NONE : hook;
  }

  /** Who takes INVITEs for our extensions that nobody registered (voicemail), instead of 480. */
  public void setUnreachableTarget(UnreachableTarget target) {
    this.unreachable = java.util.Objects.requireNonNull(target);
  }

  private record Routing(
      ServerTransaction tx,
      SipRequest base,
      SipUri ruri,
      String domain,
      boolean local,
      List<Leg> legs,
      String hash,
      AuthenticatedCaller caller) {

    boolean tracked() {
      return base.isMethod(SipRequest.INVITE);
    }

    Routing withCaller(AuthenticatedCaller c) {
      return new Routing(tx, base, ruri, domain, local, legs, hash, c);
    }
  }

  /** §16.5: our domain → the location service; a foreign one → the route table. */
  private void route(Routing r) {
    SipRequest base = r.base();
    if (base.isMethod(SipRequest.INVITE)
        || base.isMethod(SipRequest.SUBSCRIBE)
        || base.isMethod(SipRequest.REFER)) {
      // §16.6 step 4: stay on the path of the dialog this request may create.
      String token = tokens.of(base.callId(), base.from().tag());
      base.headers()
          .addFirst(
              HeaderNames.RECORD_ROUTE, "<" + recordRoute(r.tx().source(), token, false) + ">");
    }
    if (!r.local()) {
      Optional<Endpoint> hop = config.routes().nextHop(r.domain());
      if (hop.isPresent()) {
        // The static table comes first: an operator's override beats what DNS says.
        proxyTo(r, List.of(new Target(base.requestUri(), 1000, List.of(), hop.get())));
      } else if (config.locator() != null) {
        locate(r);
      } else {
        // RFC 3261 §21.4.5: 404 also says the domain is not one this server handles.
        refuse(r, 404, "No route to domain");
      }
      return;
    }
    TenantRouting tenant = directory.tenant(r.domain()).orElse(null);
    String user = r.ruri().user();
    if (tenant == null || !tenant.admitted()) {
      refuse(r, 480, "Service unavailable for this domain");
      return;
    }
    if (user == null) {
      refuse(r, 404, null);
      return;
    }
    if (r.base().isMethod(SipRequest.INVITE)
        && VOICEMAIL_USER.equals(user)
        && r.caller() != null
        && r.caller().domain().equals(r.domain())) {
      // sip:voicemail@DOMAIN from one of the tenant's own phones: the caller's own mailbox.
      if (!unreachable.retrieve(r.tx(), r.domain(), r.caller().user())) {
        refuse(r, 404, "No voicemail here");
      }
      return;
    }
    if (hooks.resolver() != null && tenant.mode() == TenantRouting.Mode.PROXY) {
      resolve(r);
      return;
    }
    directory
        .subscriber(r.domain(), SipUri.unescape(user))
        .whenComplete(
            (found, error) -> {
              if (error != null) {
                log.warn("subscriber lookup failed", error);
                reply(r.tx(), 500, "Directory unavailable");
                return;
              }
              deliver(r, tenant, found);
            });
  }

  /**
   * RFC 3263: the foreign domain's servers from DNS, tried in turn. The lookup completes on the
   * resolver's thread, so no SIP worker waits for it.
   */
  private void locate(Routing r) {
    config
        .locator()
        .locate(r.ruri())
        .whenComplete(
            (servers, error) -> {
              if (error != null || servers.isEmpty()) {
                refuse(r, 404, "No route to domain");
              } else {
                proxyTo(r, List.of(Target.located(r.base().requestUri(), servers)));
              }
            });
  }

  /** Target determination by the resolver hook (a PBX) instead of the location service. */
  private void resolve(Routing r) {
    // The callee's account is looked up first: a disabled extension rings nowhere, forwarding or
    // not.
    directory
        .subscriber(r.domain(), SipUri.unescape(r.ruri().user()))
        .whenComplete(
            (found, e) -> {
              if (e != null) {
                reply(r.tx(), 500, "Directory unavailable");
              } else if (found.isPresent() && !found.get().admitted()) {
                refuse(r, 480, null);
              } else {
                resolve(r, found);
              }
            });
  }

  private void resolve(Routing r, Optional<Subscriber> found) {
    hooks
        .resolver()
        .resolve(
            new TargetResolver.Request(
                r.tx(), r.base(), r.ruri(), r.domain(), r.caller(), tracker, found.orElse(null)))
        .whenComplete(
            (resolution, error) -> {
              if (error != null) {
                log.warn("target resolution failed", error);
                refuse(r, 500, "Routing failed");
              } else if (resolution instanceof TargetResolver.Resolution.Proceed p) {
                if (p.targets().isEmpty()) {
                  // Nobody to ring: the mailbox forwarding named, else the extension's voicemail,
                  // when it has one, takes the call.
                  CallPlan.Mailbox box = p.plan().voicemail();
                  if (box == null && found.isPresent()) {
                    box = new CallPlan.Mailbox(r.domain(), found.get().user());
                  }
                  if (!r.base().isMethod(SipRequest.INVITE)
                      || box == null
                      || !unreachable.take(r.tx(), box)) {
                    refuse(r, 480, null);
                  }
                } else {
                  proxyTo(r, p.targets(), p.plan());
                }
              } else if (resolution instanceof TargetResolver.Resolution.Answer a) {
                // Nobody reachable (480): the extension's voicemail, when it has one, answers.
                if (a.status() != 480
                    || !r.base().isMethod(SipRequest.INVITE)
                    || found.isEmpty()
                    || !unreachable.take(r.tx(), r.domain(), found.get().user())) {
                  refuse(r, a.status(), a.reason());
                }
              } else if (resolution instanceof TargetResolver.Resolution.Voicemail v) {
                // The caller dialled their own mailbox's code: the owner's menu, not a recording.
                if (!unreachable.retrieve(r.tx(), r.domain(), v.user())) {
                  refuse(r, 480, "Voicemail not available");
                }
              } else {
                deliver(r, directory.tenant(r.domain()).orElseThrow(), found);
              }
            });
  }

  private void deliver(Routing r, TenantRouting tenant, Optional<Subscriber> found) {
    if (found.isEmpty()) {
      refuse(r, 404, null);
      return;
    }
    if (!found.get().admitted()) {
      refuse(r, 480, null);
      return;
    }
    Instant now = clock.instant();
    List<Binding> bindings =
        // A sips: Request-URI names the same address of record as sip: (the registrar keeps sip:).
        location.lookup(SipUri.of(r.ruri().user(), r.ruri().host()).aor()).stream()
            .filter(b -> !b.expired(now))
            .toList();
    if (bindings.isEmpty()) {
      if (!r.base().isMethod(SipRequest.INVITE)
          || !unreachable.take(r.tx(), r.domain(), found.get().user())) {
        refuse(r, 480, null);
      }
      return;
    }
    if (tenant.mode() == TenantRouting.Mode.REDIRECT) {
      redirect(r, bindings, now);
      return;
    }
    List<Target> targets = new ArrayList<>(bindings.size());
    for (Binding b : bindings) {
      Uri contact = b.contact().uri();
      if (contact instanceof SipUri su) {
        contact = su.withoutHeaders();
      }
      targets.add(new Target(contact, b.qMillis(), b.path(), b.source()));
    }
    proxyTo(r, targets);
  }

  /** §8.3: a redirect server answers 302 with every contact, its q and remaining lifetime. */
  private void redirect(Routing r, List<Binding> bindings, Instant now) {
    ServerTransaction tx = r.tx();
    SipResponse resp = tx.createResponse(302);
    for (Binding b : bindings) {
      long expires = Math.max(0, b.expiresAt().getEpochSecond() - now.getEpochSecond());
      Address c =
          Address.of(b.contact().uri())
              .withParam("q", q(b.qMillis()))
              .withParam("expires", Long.toString(expires));
      resp.addHeader(HeaderNames.CONTACT, c.toString());
    }
    if (r.tracked()) {
      tracker.started(tx.request(), r.legs());
      tracker.failed(tx.request().callId(), tx.request().from().tag(), 302, EndedBy.SYSTEM);
    }
    tx.respond(resp);
  }

  static String q(int qMillis) {
    if (qMillis >= 1000) {
      return "1";
    }
    String s = String.format(Locale.ROOT, "0.%03d", Math.max(0, qMillis));
    while (s.endsWith("0") && s.length() > 3) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  /** A final answer of the proxy's own to an authenticated call attempt, recorded as a call. */
  private void refuse(Routing r, int status, String reason) {
    if (r.tracked()) {
      SipRequest req = r.tx().request();
      tracker.started(req, r.legs());
      tracker.failed(req.callId(), req.from().tag(), status, EndedBy.SYSTEM);
    }
    reply(r.tx(), status, reason);
  }

  private void proxyTo(Routing r, List<Target> targets) {
    proxyTo(r, targets, CallPlan.NONE);
  }

  private void proxyTo(Routing r, List<Target> targets, CallPlan plan) {
    if (r.tracked()) {
      tracker.started(r.tx().request(), r.legs());
    }
    proxyTo(r.tx(), r.base(), targets, r.tracked(), r.hash(), plan);
  }

  private void proxyTo(
      ServerTransaction tx, SipRequest base, List<Target> targets, boolean tracked, String hash) {
    proxyTo(tx, base, targets, tracked, hash, CallPlan.NONE);
  }

  private void proxyTo(
      ServerTransaction tx,
      SipRequest base,
      List<Target> targets,
      boolean tracked,
      String hash,
      CallPlan plan) {
    SipResponse last = tx.lastResponse();
    if (last != null && last.isFinal()) {
      // The caller cancelled while we were looking up: nothing to forward any more.
      if (tracked) {
        tracker.failed(base.callId(), base.from().tag(), last.status(), EndedBy.CALLER);
      }
      return;
    }
    ResponseContext ctx = new ResponseContext(this, tx, base, targets, tracked, hash, plan);
    contexts.put(tx, ctx);
    tx.onTerminated(() -> contexts.remove(tx, ctx));
    ctx.start();
  }

  /**
   * Our Record-Route URI for the side of the call at {@code side}: the dialog token, and for a TLS
   * side the port and flow it is reached on; {@code doubled} marks one of a pair (RFC 5658 §3.3).
   */
  private SipUri recordRoute(Endpoint side, String token, boolean doubled) {
    SipUri uri = address.recordRouteUri(side.transport()).withParam(RouteToken.PARAM, token);
    if (side.transport() == TransportKind.TLS) {
      uri = uri.withParam(FLOW_PARAM, tokens.flow(side));
    }
    return doubled ? uri.withParam("r2", "on") : uri;
  }

  /**
   * RFC 5658 double Record-Route for a branch with a TLS side: the one we added for the caller's
   * side gets a twin for the callee's side at {@code hop}, so each side routes back to us over its
   * own transport and flow. UDP to TCP keeps one entry: both sides reach us on the same port.
   */
  void recordRouteBranch(SipRequest fwd, Endpoint from, Endpoint hop) {
    if (from.transport() != TransportKind.TLS && hop.transport() != TransportKind.TLS) {
      return;
    }
    List<String> rrs = fwd.headers().all(HeaderNames.RECORD_ROUTE);
    if (rrs.isEmpty()) {
      return;
    }
    String token;
    try {
      Address top = Address.parse(rrs.get(0));
      if (!(top.uri() instanceof SipUri u) || !address.isUs(u)) {
        return; // not a request we record-route
      }
      token = u.param(RouteToken.PARAM);
    } catch (SipParseException e) {
      return;
    }
    List<String> rest = rrs.subList(1, rrs.size());
    fwd.removeHeader(HeaderNames.RECORD_ROUTE);
    fwd.addHeader(HeaderNames.RECORD_ROUTE, "<" + recordRoute(hop, token, true) + ">");
    fwd.addHeader(HeaderNames.RECORD_ROUTE, "<" + recordRoute(from, token, true) + ">");
    for (String rr : rest) {
      fwd.addHeader(HeaderNames.RECORD_ROUTE, rr);
    }
  }

  void forget(ResponseContext ctx) {
    contexts.remove(ctx.server(), ctx);
  }

  /** A branch id that carries the loop-detection hash (§16.6 step 8). */
  String branch(String hash) {
    return layer.newBranch() + "-" + hash;
  }

  /**
   * Where a forwarded request goes (§16.6 steps 6-7): the first Route, else the target's flow (the
   * binding's source, or the route table's hop), else the Request-URI. Only IP literals and routed
   * domains are used, so nothing waits on DNS; null when there is no usable hop.
   */
  Endpoint nextHop(SipRequest fwd, Target t) {
    List<Address> routes = fwd.routes();
    if (!routes.isEmpty()) {
      return routes.get(0).uri() instanceof SipUri u ? resolve(u) : null;
    }
    if (t.flow() != null) {
      return t.flow();
    }
    return fwd.requestUri() instanceof SipUri u ? resolve(u) : null;
  }

  private Endpoint resolve(SipUri u) {
    String maddr = u.maddr();
    String host = maddr != null ? maddr : u.host();
    TransportKind kind = TransportKind.fromName(u.transport());
    if (u.secure() || kind == TransportKind.TLS) {
      kind = TransportKind.TLS; // RFC 3261 §26.2.2: sips: is reached over TLS only
    } else if (kind != TransportKind.TCP) {
      kind = TransportKind.UDP;
    }
    InetAddress literal = literal(host);
    if (literal != null) {
      int port = u.port() < 0 ? kind.defaultPort() : u.port();
      return new Endpoint(kind, new InetSocketAddress(literal, port));
    }
    return config.routes().nextHop(host).orElse(null);
  }

  private static Endpoint viaDestination(Via v) {
    TransportKind kind = TransportKind.fromName(v.transport());
    if (kind == null) {
      return null;
    }
    InetAddress host = literal(v.received());
    if (host == null) {
      host = literal(v.host());
    }
    if (host == null) {
      return null;
    }
    int port = v.rport() > 0 ? v.rport() : v.portOrDefault();
    return new Endpoint(kind, new InetSocketAddress(host, port));
  }

  /** An IP literal as an address without any lookup, or null for a host name. */
  static InetAddress literal(String host) {
    if (host == null || host.isEmpty()) {
      return null;
    }
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    boolean v4 = h.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9')) && h.contains(".");
    boolean v6 =
        h.contains(":")
            && h.chars()
                .allMatch(
                    c ->
                        c == ':'
                            || c == '.'
                            || c == '%'
                            || Character.digit(c, 16) >= 0
                            || Character.isLetterOrDigit(c));
    if (!v4 && !v6) {
      return null;
    }
    try {
      return InetAddress.getByName(h); // A literal: parsed, never looked up.
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /**
   * The §16.6 step 8 loop-detection hash over the fields that tell one request from its spiral:
   * Request-URI, tags, Call-ID, CSeq number, Route, Proxy-Require and Proxy-Authorization.
   */
  static String loopHash(SipRequest r) {
    StringBuilder sb = new StringBuilder(256);
    sb.append(r.requestUri()).append('|').append(r.from().tag()).append('|');
    sb.append(r.to().tag()).append('|').append(r.callId()).append('|');
    sb.append(r.cseq().number()).append('|');
    for (String name :
        List.of(HeaderNames.ROUTE, HeaderNames.PROXY_REQUIRE, HeaderNames.PROXY_AUTHORIZATION)) {
      for (String v : r.headers().all(name)) {
        sb.append(v).append('|');
      }
    }
    return fnv(sb.toString());
  }

  private static String fnv(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return Long.toString(h & Long.MAX_VALUE, 36);
  }

  private static void reply(ServerTransaction tx, int status, String reason) {
    SipResponse r = tx.request().createResponse(status, reason);
    if (r.to().tag() == null) {
      r.setTo(r.to().withTag(tx.localTag()));
    }
    tx.respond(r);
  }
}
