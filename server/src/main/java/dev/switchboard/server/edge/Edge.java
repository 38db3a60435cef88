package dev.switchboard.server.edge;

import dev.switchboard.server.directory.SubscriberDirectory;
import dev.switchboard.server.location.Binding;
import dev.switchboard.server.location.LocationService;
import dev.switchboard.sip.auth.ChallengeKind;
import dev.switchboard.sip.message.HeaderNames;
import dev.switchboard.sip.message.SipParseException;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.sip.transaction.Admission;
import dev.switchboard.sip.transport.Endpoint;
import java.net.InetAddress;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;

/**
 * The first thing every new request from the network meets, before any transaction is made for it:
 * blocked senders and scanners are dropped unanswered, a sender over its rate is blocked, load is
 * shed with 503 when the receive queue fills, and subscribers are authenticated with digest.
 * Everything it answers it answers statelessly: one response, never retransmitted, nothing kept.
 */
public final class Edge {
  private final EdgeConfig config;
  private final EdgeSecurity security;
  private final DigestGate gate;
  private final SubscriberDirectory directory;
  private final LocationService location;
  private final Predicate<SipUri> addressedToUs;
  private final Predicate<String> ourHost;
  private final LoadShedder shedder;

  /**
   * @param addressedToUs whether a Request-URI names this server itself (answered here, not
   *     proxied)
   * @param ourHost whether a host is this server's own address
   * @param backlog how full the receive queue is (0–1, or -1 when unknown)
   */
  public Edge(
      DigestGate gate,
      SubscriberDirectory directory,
      LocationService location,
      Predicate<SipUri> addressedToUs,
      Predicate<String> ourHost,
      DoubleSupplier backlog) {
    this.gate = gate;
    this.security = gate.security();
    this.config = security.config();
    this.directory = directory;
    this.location = location;
    this.addressedToUs = addressedToUs;
    this.ourHost = ourHost;
    this.shedder = new LoadShedder(config, backlog, security.log());
  }

  public EdgeSecurity security() {
    return security;
  }

  public boolean isOverloaded() {
    return shedder.isOverloaded();
  }

  /** The look at a datagram before it is parsed: under overload, a flooding flow is dropped. */
  public boolean admitDatagram(java.net.InetSocketAddress from, byte[] bytes) {
    InetAddress ip = from.getAddress();
    if (security.sourceBlock(ip) != null) {
      security.log().count("dropped_blocked");
      return false; // unparsed: a blocked flood costs a map lookup per datagram
    }
    if (shedder.admitDatagram(from, bytes)) {
      return true;
    }
    // A datagram dropped unparsed still counts toward the sender's flood limit: otherwise a
    // flood big enough to trigger shedding would hide from the very rate that blocks it.
    if (!config.isTrusted(ip)) {
      overFloodLimit(ip);
    }
    return false;
  }

  /**
   * The look at a connection a peer opens (TCP or TLS) before a byte is read or a handshake is
   * spent on it: a blocked source is closed at once.
   */
  public boolean admitConnection(java.net.InetSocketAddress from) {
    if (security.sourceBlock(from.getAddress()) != null) {
      security.log().count("dropped_blocked");
      return false;
    }
    return true;
  }

  /** Counts one request from {@code ip} and blocks it when that takes it over the flood rate. */
  private boolean overFloodLimit(InetAddress ip) {
    int rate = security.requests.add(ip, System.nanoTime());
    if (rate <= config.floodRequests()) {
      return false;
    }
    security.blockSource(
        ip,
        "flood-blocked",
        "over "
            + config.floodRequests()
            + " requests in "
            + config.floodWindow().toSeconds()
            + " s",
        config.floodBlock());
    return true;
  }

  /** The decision on a request that matches no transaction. Never blocks. */
  public Admission admit(SipRequest request, Endpoint source) {
    InetAddress ip = source.address().getAddress();
    if (security.sourceBlock(ip) != null) {
      security.log().count("dropped_blocked");
      return Admission.DROP;
    }
    if (!config.isTrusted(ip)) {
      String agent = request.header(HeaderNames.USER_AGENT);
      if (agent != null && isScanner(agent)) {
        security.blockSource(
            ip, "scanner-blocked", "User-Agent \"" + clip(agent) + "\"", config.scannerBlock());
        return Admission.DROP;
      }
      if (overFloodLimit(ip)) {
        return Admission.DROP;
      }
    }
    boolean inDialog = request.to().tag() != null;
    LoadShedder.Verdict shed =
        shedder.shed(request, source.address(), () -> priority(request, inDialog));
    if (shed instanceof LoadShedder.Verdict.Busy busy) {
      return answer(request, busy.response());
    }
    if (shed != null) {
      return Admission.DROP;
    }
    return authenticate(request, ip, inDialog);
  }

  private Admission authenticate(SipRequest request, InetAddress ip, boolean inDialog) {
    String realm;
    ChallengeKind kind;
    if (request.isMethod(SipRequest.REGISTER)) {
      realm = Origin.targetDomain(request, directory);
      kind = ChallengeKind.WWW;
    } else if (inDialog
        || request.isMethod(SipRequest.CANCEL)
        || request.isMethod(SipRequest.ACK)
        || (request.requestUri() instanceof SipUri ru && addressedToUs.test(ru))) {
      return Admission.ACCEPT; // in-dialog requests are checked against our Record-Route
    } else {
      realm =
          Origin.of(request, directory, ourHost) instanceof Origin.Local local
              ? local.domain()
              : null;
      kind = ChallengeKind.PROXY;
    }
    if (realm == null) {
      return Admission.ACCEPT; // not ours to authenticate: the registrar or proxy decides
    }
    DigestGate.Decision d = gate.now(request, ip, realm, kind);
    if (d instanceof DigestGate.Decision.Pass pass) {
      return new Admission.Accept(pass.caller());
    }
    if (d instanceof DigestGate.Decision.Deny deny) {
      return answer(request, deny.response());
    }
    return Admission.ACCEPT;
  }

  private LoadShedder.Priority priority(SipRequest request, boolean inDialog) {
    if (inDialog || request.isMethod(SipRequest.CANCEL) || request.isMethod(SipRequest.ACK)) {
      return LoadShedder.Priority.ESSENTIAL;
    }
    if (!request.isMethod(SipRequest.REGISTER)) {
      return LoadShedder.Priority.NEW_DIALOG;
    }
    try {
      if (request.expires() == 0) {
        return LoadShedder.Priority.ESSENTIAL; // removing bindings frees resources
      }
      SipUri to = request.to().sipUri();
      if (to != null) {
        String callId = request.callId();
        for (Binding b : location.lookup(to.sipAor())) {
          if (b.callId().equals(callId)) {
            return LoadShedder.Priority.ESSENTIAL;
          }
        }
      }
    } catch (SipParseException e) {
      // The registrar answers it 400; not worth a place when short of capacity.
    }
    return LoadShedder.Priority.REGISTRATION;
  }

  private boolean isScanner(String agent) {
    String a = agent.toLowerCase(Locale.ROOT);
    for (String s : config.scannerAgents()) {
      if (a.contains(s)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A stateless answer with a To tag derived from the request, so a retransmission gets the same
   * tag (RFC 3261 §8.2.6.2, §16.11).
   */
  private Admission answer(SipRequest request, SipResponse response) {
    if (response.to().tag() == null) {
      String seed = request.callId() + '|' + request.from().tag() + '|' + request.topVia().branch();
      response.setTo(response.to().withTag("sl" + Long.toString(fnv(seed) & Long.MAX_VALUE, 36)));
    }
    security.log().count("stateless_" + response.status());
    return new Admission.Answer(response);
  }

  private static long fnv(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }

  private static String clip(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }
}
