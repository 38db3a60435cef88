package dev.switchboard.server.pbx;

import dev.switchboard.server.edge.AuthenticatedCaller;
import dev.switchboard.server.edge.DigestGate;
import dev.switchboard.server.location.LocationService;
import dev.switchboard.server.proxy.ProxyAddress;
import dev.switchboard.server.sip.LocalServices;
import dev.switchboard.sip.auth.ChallengeKind;
import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.message.HeaderNames;
import dev.switchboard.sip.message.Parameters;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.sip.message.Via;
import dev.switchboard.sip.transaction.ServerTransaction;
import dev.switchboard.sip.transaction.TransactionLayer;
import dev.switchboard.sip.transport.Endpoint;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The presence server (RFC 3856 over RFC 6665, PUBLISH per RFC 3903) and the dialog-state notifier
 * for busy lamps (RFC 4235, {@code Event: dialog}, from {@link DialogStates}) for every extension:
 * a subscriber of the same tenant gets a PIDF (RFC 3863) {@code NOTIFY} at once and whenever the
 * extension's state changes, until the subscription ends. The state is what the extension's phones
 * published, composed (RFC 3903 §4, {@link PidfCompositor}), else open while a phone is registered
 * and closed otherwise, with an on-the-phone activity while it has an answered call. Watchers of
 * another tenant are refused (403) unless the extension's tenant lists their domain in {@code
 * presenceDomains}. An extension's own phones may also watch its mailbox (RFC 3842, {@code Event:
 * message-summary}).
 */
public final class PresenceServer implements LocalServices, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PresenceServer.class);

  /** RFC 3842's event package: message waiting, for the mailbox's owner only. */
  static final String MESSAGE_SUMMARY = "message-summary";

  /** The longest subscription granted; phones refresh before it ends. */
  static final int MAX_EXPIRES = 3600;

  /** One subscription: a dialog this server is the notifier of. */
  private static final class Subscription {
    final String callId;
    final String ourTag;
    final String presentity;
    final String event;
    final Address watcher;
    final Endpoint flow;
    final List<Address> routeSet;
    final SipUri remoteTarget;
    Instant expires;
    long cseq;
    long version;
    String lastBody;

    Subscription(
        String callId,
        String ourTag,
        String presentity,
        String event,
        Address watcher,
        Endpoint flow,
        List<Address> routeSet,
        SipUri remoteTarget,
        Instant expires) {
      this.callId = callId;
      this.ourTag = ourTag;
      this.presentity = presentity;
      this.event = event;
      this.watcher = watcher;
      this.flow = flow;
      this.routeSet = routeSet;
      this.remoteTarget = remoteTarget;
      this.expires = expires;
    }
  }

  private final PbxDirectory pbx;
  private final DialogStates dialogs;
  private final LocationService location;
  private final DigestGate gate;
  private final TransactionLayer layer;
  private final ProxyAddress address;
  private final Predicate<String> localDomain;
  private final Clock clock;
  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  // An owner's message-summary body (RFC 3842) by AOR; null until voicemail attaches it.
  private volatile Function<String, String> messageSummary;
  // Each presentity's event states (RFC 3903), by entity-tag.
  private final Map<String, Map<String, Publication>> publications = new ConcurrentHashMap<>();
  private final ScheduledExecutorService worker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "presence");
            t.setDaemon(true);
            return t;
          });

  PresenceServer(
      PbxDirectory pbx,
      DialogStates dialogs,
      LocationService location,
      DigestGate gate,
      TransactionLayer layer,
      ProxyAddress address,
      Predicate<String> localDomain,
      Clock clock,
      Duration poll) {
    this.pbx = pbx;
    this.dialogs = dialogs;
    this.location = location;
    this.gate = gate;
    this.layer = layer;
    this.address = address;
    this.localDomain = localDomain;
    this.clock = clock;
    long ms = poll.toMillis();
    worker.scheduleWithFixedDelay(this::watchQuietly, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Answers message-summary subscriptions with {@code summary}'s body for the owner's AOR. */
  void messageSummary(Function<String, String> summary) {
    this.messageSummary = summary;
  }

  @Override
  public boolean offer(ServerTransaction tx) {
    SipRequest req = tx.request();
    boolean publish = req.isMethod(SipRequest.PUBLISH);
    if (!(req.isMethod(SipRequest.SUBSCRIBE) || publish) || gate == null) {
      return false;
    }
    String toTag = req.to().tag();
    if (toTag != null && !publish) {
      Subscription s = subscriptions.get(key(req.callId(), toTag));
      if (s == null) {
        return false; // not a dialog of ours
      }
      worker.execute(() -> refresh(tx, s));
      return true;
    }
    String event = eventPackage(req);
    if (event == null
        || (publish && !event.equals("presence"))
        || !(req.requestUri() instanceof SipUri ruri)
        || ruri.user() == null) {
      return false;
    }
    String domain = ruri.host().toLowerCase(Locale.ROOT);
    String user = SipUri.unescape(ruri.user());
    if (!localDomain.test(domain) || pbx.options(domain, user).isEmpty()) {
      return false;
    }
    // A watcher authenticates in its own tenant; another tenant's watcher only when allowed.
    String realm = domain;
    String watcherDomain = fromDomain(req);
    if (!publish && watcherDomain != null && !watcherDomain.equals(domain)) {
      if (!localDomain.test(watcherDomain)
          || !pbx.tenant(domain).settings().presenceDomains().contains(watcherDomain)) {
        reply(tx, 403, "Watchers from " + watcherDomain + " are not allowed here");
        return true;
      }
      realm = watcherDomain;
    }
    gate.forTransaction(tx, realm, ChallengeKind.PROXY)
        .whenComplete(
            (decision, error) -> {
              if (error != null || decision instanceof DigestGate.Decision.Unknown) {
                reply(tx, 500, "Subscriber check failed");
              } else if (decision instanceof DigestGate.Decision.Deny deny) {
                tx.respond(deny.response());
              } else if (decision instanceof DigestGate.Decision.Pass pass) {
                String presentity = "sip:" + user + "@" + domain;
                worker.execute(
                    () -> {
                      if (publish) {
                        publish(tx, pass.caller(), presentity);
                      } else {
                        subscribe(tx, pass.caller(), presentity, event);
                      }
                    });
              }
            });
    return true;
  }

  private static String fromDomain(SipRequest req) {
    return req.from().uri() instanceof SipUri f ? f.host().toLowerCase(Locale.ROOT) : null;
  }

  /** The event package of a request this server is the notifier of, or null. */
  private static String eventPackage(SipRequest req) {
    String event = req.header(HeaderNames.EVENT);
    if (event == null) {
      return null;
    }
    int semi = event.indexOf(';');
    String pkg = (semi < 0 ? event : event.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    return pkg.equals("presence") || pkg.equals("dialog") || pkg.equals(MESSAGE_SUMMARY)
        ? pkg
        : null;
  }

  private void subscribe(
      ServerTransaction tx, AuthenticatedCaller caller, String presentity, String event) {
    SipRequest req = tx.request();
    String fromUser = req.from().uri() instanceof SipUri f ? SipUri.unescape(f.user()) : null;
    if (!caller.user().equals(fromUser) || !caller.domain().equals(fromDomain(req))) {
      reply(tx, 403, "Credentials are not the From user");
      return;
    }
    if (event.equals(MESSAGE_SUMMARY)
        && (messageSummary == null || !presentity.equals("sip:" + caller.account()))) {
      reply(tx, messageSummary == null ? 489 : 403, "Only the owner watches a mailbox");
      return;
    }
    List<Address> contacts = req.contacts();
    if (contacts.isEmpty() || !(contacts.get(0).uri() instanceof SipUri target)) {
      reply(tx, 400, "A SUBSCRIBE needs a Contact");
      return;
    }
    int expires = expires(req);
    if (expires == 0) {
      reply(tx, 200, null); // a fetch: one NOTIFY and no subscription
    }
    List<Address> routes = new ArrayList<>(req.recordRoutes());
    Subscription s =
        new Subscription(
            req.callId(),
            tx.localTag(),
            presentity,
            event,
            req.from(),
            tx.source(),
            routes,
            target,
            clock.instant().plusSeconds(expires));
    if (expires > 0) {
      subscriptions.put(key(s.callId, s.ourTag), s);
      accept(tx, expires);
    }
    notify(s, expires == 0 ? "terminated;reason=timeout" : "active;expires=" + expires);
  }

  private void refresh(ServerTransaction tx, Subscription s) {
    int expires = expires(tx.request());
    if (expires == 0) {
      subscriptions.remove(key(s.callId, s.ourTag));
      reply(tx, 200, null);
      notify(s, "terminated;reason=timeout");
      return;
    }
    s.expires = clock.instant().plusSeconds(expires);
    accept(tx, expires);
    notify(s, "active;expires=" + expires);
  }

  private static int expires(SipRequest req) {
    String e = req.header(HeaderNames.EXPIRES);
    if (e == null) {
      return MAX_EXPIRES;
    }
    try {
      return (int) Math.min(MAX_EXPIRES, Math.max(0, Long.parseLong(e.trim())));
    } catch (NumberFormatException bad) {
      return MAX_EXPIRES;
    }
  }

  private void accept(ServerTransaction tx, int expires) {
    SipResponse ok = tx.request().createResponse(200, null);
    ok.setTo(ok.to().withTag(tx.localTag()));
    ok.setHeader(HeaderNames.EXPIRES, Integer.toString(expires));
    ok.setHeader(HeaderNames.CONTACT, "<" + SipUri.of(address.host(), address.port()) + ">");
    tx.respond(ok);
  }

  private static void reply(ServerTransaction tx, int status, String reason) {
    SipResponse r = tx.request().createResponse(status, reason);
    if (r.to().tag() == null) {
      r.setTo(r.to().withTag(tx.localTag()));
    }
    tx.respond(r);
  }

  private void watchQuietly() {
    try {
      Instant now = clock.instant();
      // An expired publication is gone (RFC 3903 §6): watchers see the state without it.
      publications
          .values()
          .forEach(states -> states.values().removeIf(p -> !p.expires().isAfter(now)));
      publications.values().removeIf(Map::isEmpty);
      for (Subscription s : subscriptions.values()) {
        if (!s.expires.isAfter(now)) {
          subscriptions.remove(key(s.callId, s.ourTag));
          notify(s, "terminated;reason=timeout");
        } else if (!document(s, now).equals(s.lastBody)) {
          notify(s, "active;expires=" + Duration.between(now, s.expires).toSeconds());
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("presence watch failed, retrying: {}", e.toString());
    }
  }

  private boolean open(String presentity, Instant now) {
    return location.lookup(presentity).stream().anyMatch(b -> !b.expired(now));
  }

  /**
   * The composed state of {@code presentity}: what its phone published last (RFC 3903), else open
   * or closed from its registration.
   */
  private String document(Subscription s, Instant now) {
    if (s.event.equals("dialog")) {
      return dialogs.dialogs(s.presentity);
    }
    if (s.event.equals(MESSAGE_SUMMARY)) {
      return messageSummary.apply(s.presentity);
    }
    return document(s.presentity, now);
  }

  private String document(String presentity, Instant now) {
    List<String> live =
        publications.getOrDefault(presentity, Map.of()).values().stream()
            .filter(p -> p.expires().isAfter(now))
            .sorted(Comparator.comparing(Publication::published).reversed())
            .map(Publication::body)
            .toList();
    String doc =
        live.isEmpty()
            ? pidf(presentity, open(presentity, now))
            : PidfCompositor.compose(presentity, live);
    return dialogs.onThePhone(presentity) ? PidfCompositor.onThePhone(doc) : doc;
  }

  /** One publisher's presence document (PUBLISH), kept until it expires or is removed. */
  private record Publication(String etag, String body, Instant published, Instant expires) {}

  /** The longest PIDF document kept from a PUBLISH. */
  static final int MAX_DOCUMENT = 8000;

  /** The most event states one address of record keeps (its phones each publish one). */
  static final int MAX_PUBLICATIONS = 16;

  private void publish(ServerTransaction tx, AuthenticatedCaller caller, String presentity) {
    SipRequest req = tx.request();
    String user = presentity.substring(4, presentity.indexOf('@'));
    if (!caller.user().equals(user)) {
      reply(tx, 403, "Only the extension publishes its own presence");
      return;
    }
    String ifMatch = req.header("SIP-If-Match");
    Instant now = clock.instant();
    Map<String, Publication> states =
        publications.computeIfAbsent(presentity, k -> new ConcurrentHashMap<>());
    Publication old = ifMatch == null ? null : states.get(ifMatch.trim());
    if (ifMatch != null && (old == null || !old.expires().isAfter(now))) {
      reply(tx, 412, "Conditional Request Failed");
      return;
    }
    int expires = expires(req);
    byte[] raw = req.body();
    boolean hasBody = raw != null && raw.length > 0;
    if (expires == 0) {
      if (old == null) {
        reply(tx, 400, "Removing a publication needs its SIP-If-Match");
        return;
      }
      states.remove(old.etag()); // this publisher's state only; the others stay composed
      SipResponse ok = tx.request().createResponse(200, null);
      ok.setTo(ok.to().withTag(tx.localTag()));
      ok.setHeader(HeaderNames.EXPIRES, "0");
      tx.respond(ok);
      return;
    }
    if (!hasBody && old == null) {
      reply(tx, 400, "A PUBLISH without SIP-If-Match needs a body");
      return;
    }
    String body = hasBody ? new String(raw, StandardCharsets.UTF_8) : old.body();
    String type = req.contentType();
    if (hasBody
        && (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/pidf+xml"))) {
      reply(tx, 415, "Only application/pidf+xml");
      return;
    }
    if (body.length() > MAX_DOCUMENT) {
      reply(tx, 413, "Presence document too large");
      return;
    }
    if (old == null && states.size() >= MAX_PUBLICATIONS) {
      reply(tx, 403, "Too many publications for " + presentity);
      return;
    }
    Publication p =
        new Publication(
            Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36),
            body,
            now,
            now.plusSeconds(expires));
    if (old != null) {
      states.remove(old.etag()); // a refresh or modify gets a new entity-tag (RFC 3903 §6)
    }
    states.put(p.etag(), p);
    SipResponse ok = tx.request().createResponse(200, null);
    ok.setTo(ok.to().withTag(tx.localTag()));
    ok.setHeader("SIP-ETag", p.etag());
    ok.setHeader(HeaderNames.EXPIRES, Integer.toString(expires));
    tx.respond(ok);
    watchQuietly(); // watchers see it at once
  }

  /** Sends the presentity's state now to the watcher in {@code s} (worker thread). */
  private void notify(Subscription s, String state) {
    String body = document(s, clock.instant());
    s.lastBody = body;
    boolean presence = s.event.equals("presence");
    boolean mailbox = s.event.equals(MESSAGE_SUMMARY);
    if (!presence && !mailbox) {
      body = DialogStates.document(s.presentity, s.version++, body);
    }
    SipRequest n = SipRequest.create(SipRequest.NOTIFY, s.remoteTarget);
    n.pushVia(
        new Via(
            s.flow.transport().viaName(),
            address.host(),
            address.port(),
            Parameters.NONE.with("branch", layer.newBranch()).with("rport", null)));
    n.setHeader(HeaderNames.MAX_FORWARDS, "70");
    for (Address r : s.routeSet) {
      n.addHeader(HeaderNames.ROUTE, r.toString());
    }
    n.setHeader(HeaderNames.FROM, "<" + s.presentity + ">;tag=" + s.ourTag);
    n.setHeader(HeaderNames.TO, s.watcher.toString());
    n.setHeader(HeaderNames.CALL_ID, s.callId);
    n.setHeader(HeaderNames.CSEQ, ++s.cseq + " NOTIFY");
    n.setHeader(HeaderNames.CONTACT, "<" + SipUri.of(address.host(), address.port()) + ">");
    n.setHeader(HeaderNames.EVENT, s.event);
    n.setHeader("Subscription-State", state);
    n.setBody(
        body.getBytes(StandardCharsets.UTF_8),
        presence
            ? "application/pidf+xml"
            : mailbox ? "application/simple-message-summary" : "application/dialog-info+xml");
    try {
      layer.sendRequest(n, s.flow, (tx, r) -> {});
    } catch (RuntimeException e) {
      LOG.debug("could not notify {}: {}", s.watcher, e.toString());
    }
  }

  /** A PIDF document with one tuple: basic open or closed. */
  static String pidf(String presentity, boolean open) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\""
        + xml(presentity)
        + "\">\n"
        + "  <tuple id=\"reg\">\n"
        + "    <status><basic>"
        + (open ? "open" : "closed")
        + "</basic></status>\n"
        + "  </tuple>\n"
        + "</presence>\n";
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
  }

  private static String key(String callId, String tag) {
    return callId + "\u0000" + tag;
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
