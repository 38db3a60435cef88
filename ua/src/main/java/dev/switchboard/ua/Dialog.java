package dev.switchboard.ua;

import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.message.HeaderNames;
import dev.switchboard.sip.message.SipMessage;
import dev.switchboard.sip.message.SipParseException;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.sip.message.Uri;
import dev.switchboard.sip.transport.Endpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one dialog (RFC 3261 §12): identity, both CSeq counters, both URIs, the remote
 * target and the route set. Requests within it are built here (§12.2.1.1) and incoming ones checked
 * against it (§12.2.2). Loose routing only: a strict-routing route set (no {@code lr}) is used as
 * if it were loose.
 */
public final class Dialog {
  private final DialogId id;
  private final Address localUri;
  private final Address remoteUri;
  private final List<Address> routeSet;
  private final Endpoint flow;
  private final boolean flowFirst;
  private long localSeq;
  private long remoteSeq;
  private Uri remoteTarget;

  private Dialog(
      DialogId id,
      Address localUri,
      Address remoteUri,
      List<Address> routeSet,
      Uri remoteTarget,
      long localSeq,
      long remoteSeq,
      Endpoint flow,
      boolean flowFirst) {
    this.id = id;
    this.localUri = localUri;
    this.remoteUri = remoteUri;
    this.routeSet = List.copyOf(routeSet);
    this.remoteTarget = remoteTarget;
    this.localSeq = localSeq;
    this.remoteSeq = remoteSeq;
    this.flow = flow;
    this.flowFirst = flowFirst;
  }

  /**
   * The UAC's dialog from a response with a To tag to our {@code request} (§12.1.2): route set =
   * Record-Route reversed, remote target = the response's Contact.
   *
   * @param flow where requests go when the route set is empty and the target is no IP literal
   */
  static Dialog asUac(SipRequest request, SipResponse response, Endpoint flow) {
    List<Address> routes = new ArrayList<>(response.recordRoutes());
    java.util.Collections.reverse(routes);
    return new Dialog(
        DialogId.ofResponse(response),
        request.from().withoutParam("tag"),
        response.to().withoutParam("tag"),
        routes,
        contactOf(response, request.requestUri()),
        request.cseq().number(),
        -1,
        flow,
        false);
  }

  /**
   * The UAS's dialog from a request (§12.1.1): route set = Record-Route in order, remote target =
   * the request's Contact, remote CSeq = the request's.
   *
   * @param flow where the request came from: where requests go when there is no route set
   */
  static Dialog asUas(SipRequest request, String localTag, Endpoint flow) {
    return new Dialog(
        new DialogId(request.callId(), localTag, request.from().tag()),
        request.to().withoutParam("tag"),
        request.from().withoutParam("tag"),
        request.recordRoutes(),
        contactOf(request, null),
        0,
        request.cseq().number(),
        flow,
        true);
  }

  private static Uri contactOf(SipMessage m, Uri fallback) {
    List<Address> contacts = m.contacts();
    if (contacts.isEmpty()) {
      if (fallback == null) {
        throw new SipParseException("no Contact", HeaderNames.CONTACT);
      }
      return fallback;
    }
    return contacts.get(0).uri();
  }

  public DialogId id() {
    return id;
  }

  public Address localUri() {
    return localUri;
  }

  public Address remoteUri() {
    return remoteUri;
  }

  public synchronized Uri remoteTarget() {
    return remoteTarget;
  }

  public List<Address> routeSet() {
    return routeSet;
  }

  /** A new request in the dialog (§12.2.1.1) with the next local CSeq; the sender adds Via. */
  synchronized SipRequest newRequest(String method) {
    return request(method, ++localSeq);
  }

  /** The ACK for a 2xx to the INVITE sent with {@code inviteSeq} (§13.2.2.4). */
  synchronized SipRequest ack(long inviteSeq) {
    return request(SipRequest.ACK, inviteSeq);
  }

  /** The next local CSeq for a request that is re-sent with credentials. */
  synchronized long nextSeq() {
    return ++localSeq;
  }

  private SipRequest request(String method, long seq) {
    SipRequest r = SipRequest.create(method, remoteTarget);
    r.addHeader(HeaderNames.MAX_FORWARDS, "70");
    for (Address route : routeSet) {
      r.addHeader(HeaderNames.ROUTE, route.toString());
    }
    r.addHeader(HeaderNames.FROM, localUri.withTag(id.localTag()).toString());
    r.addHeader(HeaderNames.TO, remoteUri.withTag(id.remoteTag()).toString());
    r.addHeader(HeaderNames.CALL_ID, id.callId());
    r.addHeader(HeaderNames.CSEQ, seq + " " + method);
    r.addHeader(HeaderNames.CONTENT_LENGTH, "0");
    return r;
  }

  /**
   * Checks an incoming request's CSeq (§12.2.2): one lower than the last is out of order (the
   * caller answers 500); a higher one becomes the remote CSeq.
   */
  synchronized boolean acceptRemoteSeq(SipRequest r) {
    long n = r.cseq().number();
    if (remoteSeq >= 0 && n < remoteSeq) {
      return false;
    }
    if (remoteSeq >= 0 && n == remoteSeq && !r.isMethod(SipRequest.ACK)) {
      return false;
    }
    remoteSeq = n;
    return true;
  }

  /** A target refresh request or its 2xx carries a new remote target (§12.2). */
  synchronized void refreshTarget(SipMessage m) {
    try {
      List<Address> contacts = m.contacts();
      if (!contacts.isEmpty()) {
        remoteTarget = contacts.get(0).uri();
      }
    } catch (SipParseException e) {
      // keep the old target: a broken Contact must not end the call
    }
  }

  /**
   * Where an in-dialog request goes: the first route; else for a UAS the flow the request came over
   * (NAT-safe), for a UAC the remote target when it is an IP literal, else the flow.
   */
  synchronized Endpoint nextHop() {
    if (!routeSet.isEmpty() && routeSet.get(0).uri() instanceof SipUri u) {
      Endpoint e = Hops.of(u);
      if (e != null) {
        return e;
      }
    }
    if (flowFirst && flow != null) {
      return flow;
    }
    Endpoint target = remoteTarget instanceof SipUri u ? Hops.of(u) : null;
    return target != null ? target : flow;
  }
}
