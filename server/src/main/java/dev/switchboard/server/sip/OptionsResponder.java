package dev.switchboard.server.sip;

import dev.switchboard.sip.message.HeaderNames;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;

/**
 * Answers requests addressed to this server itself that no other service took: OPTIONS with 200 and
 * our capabilities (RFC 3261 §11.2); a method we know but do not serve at this address with 405 and
 * the methods we do (§8.2.1); a method we do not know at all with 501.
 */
public final class OptionsResponder {
  private final Capabilities capabilities;
  private final String serverName;

  public OptionsResponder(Capabilities capabilities, String serverName) {
    this.capabilities = capabilities;
    this.serverName = serverName;
  }

  public SipResponse answer(SipRequest request, String toTag) {
    SipResponse r;
    if (request.isMethod(SipRequest.OPTIONS)) {
      r = request.createResponse(200, null);
      r.setHeader(HeaderNames.ACCEPT, capabilities.acceptHeader());
      r.setHeader("Accept-Encoding", "identity");
      r.setHeader("Accept-Language", "en, zh");
      r.setHeader(HeaderNames.ALLOW, capabilities.allowHeader());
    } else if (capabilities.allow().contains(request.method())) {
      r = request.createResponse(405, null);
      r.setHeader(HeaderNames.ALLOW, String.join(", ", capabilities.servedHere()));
    } else {
      r = request.createResponse(501, null);
      r.setHeader(HeaderNames.ALLOW, capabilities.allowHeader());
    }
    r.setHeader(HeaderNames.SUPPORTED, capabilities.supportedHeader());
    r.setHeader(HeaderNames.SERVER, serverName);
    if (r.to().tag() == null) {
      r.setTo(r.to().withTag(toTag));
    }
    return r;
  }
}
