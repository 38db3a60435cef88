package dev.switchboard.server.sip;

import dev.switchboard.server.edge.Edge;
import dev.switchboard.server.proxy.Proxy;
import dev.switchboard.sip.message.SipParseException;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.sip.transaction.Admission;
import dev.switchboard.sip.transaction.InviteServerTransaction;
import dev.switchboard.sip.transaction.ServerTransaction;
import dev.switchboard.sip.transaction.TransactionUser;
import dev.switchboard.sip.transport.Endpoint;

/**
 * The transaction user of the node: screens each request (RFC 3261 §8.2), then hands REGISTER to
 * the registrar, OPTIONS addressed to this server to the {@link OptionsResponder}, and everything
 * else to the {@link Proxy} (or, with no proxy, answers as the responder does).
 */
final class CoreUser implements TransactionUser {
  private final RequestScreen screen;
  private final OptionsResponder responder;
  private final RegisterHandler registrar;
  private final Proxy proxy;
  private final Edge edge;
  private final LocalServices local;
  private volatile LocalUserAgent userAgent = LocalUserAgent.NONE;

  CoreUser(
      Capabilities capabilities,
      String serverName,
      RegisterHandler registrar,
      Proxy proxy,
      Edge edge,
      LocalServices local) {
    this.screen = new RequestScreen(capabilities);
    this.responder = new OptionsResponder(capabilities, serverName);
    this.registrar = registrar;
    this.proxy = proxy;
    this.edge = edge;
    this.local = local;
  }

  void setLocalUserAgent(LocalUserAgent ua) {
    this.userAgent = ua;
  }

  @Override
  public Admission admit(SipRequest request, Endpoint source) {
    return edge == null ? Admission.ACCEPT : edge.admit(request, source);
  }

  @Override
  public void onRequest(ServerTransaction tx) {
    SipRequest request = tx.request();
    if (userAgent.owns(request)) {
      userAgent.onRequest(tx);
      return;
    }
    boolean proxied = proxy != null && !request.isMethod(SipRequest.REGISTER) && !isForUs(request);
    SipResponse rejection = proxied ? screen.rejectProxied(request) : screen.reject(request);
    if (rejection != null) {
      if (rejection.to().tag() == null) {
        rejection.setTo(rejection.to().withTag(tx.localTag()));
      }
      tx.respond(rejection);
      return;
    }
    if (proxied && local.offer(tx)) {
      return; // a subscription, publication or stored message: answered by this server itself
    }
    if (proxied) {
      proxy.onRequest(tx);
    } else if (request.isMethod(SipRequest.REGISTER) && proxy != null) {
      registrar.onRegister(tx);
    } else {
      tx.respond(responder.answer(request, tx.localTag()));
    }
  }

  /**
   * A request outside any dialog whose Request-URI names this server itself is answered here: a
   * tenant domain or our address without a user part, and for OPTIONS our own address with one too
   * (monitoring pings such as SIPp's). Nothing addressed to us is relayed anywhere.
   */
  private boolean isForUs(SipRequest request) {
    try {
      if (!(request.requestUri() instanceof SipUri u)) {
        return false;
      }
      if (request.isMethod(SipRequest.OPTIONS)) {
        return proxy.isUs(u) || proxy.isOurAddress(u);
      }
      return request.to().tag() == null && proxy.isUs(u);
    } catch (SipParseException e) {
      return true; // Let the screen and the responder deal with it.
    }
  }

  @Override
  public void onAck(SipRequest ack, Endpoint source) {
    if (userAgent.onAck(ack, source)) {
      return;
    }
    if (proxy != null) {
      proxy.onAck(ack, source);
    }
  }

  @Override
  public void onStrayResponse(SipResponse response, Endpoint source) {
    if (proxy != null) {
      proxy.onStrayResponse(response, source);
    }
  }

  @Override
  public void onCancel(InviteServerTransaction target, SipRequest cancel) {
    if (userAgent.onCancel(target, cancel)) {
      return;
    }
    if (proxy != null) {
      proxy.onCancel(target, cancel);
    } else if (target.lastResponse() == null || target.lastResponse().isProvisional()) {
      target.respond(487);
    }
  }
}
