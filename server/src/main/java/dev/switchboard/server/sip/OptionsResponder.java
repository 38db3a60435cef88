package dev.switchboard.server.sip;

import dev.switchboard.sip.message.HeaderNames;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;

/**
 * Answers what no other service took: OPTIONS with 200 and our capabilities (RFC 3261 §11.2), any
 * other method with 501 listing what we allow.
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
    } else {
      r = request.createResponse(501, null);
    }
    r.setHeader(HeaderNames.ALLOW, capabilities.allowHeader());
    r.setHeader(HeaderNames.SUPPORTED, capabilities.supportedHeader());
    r.setHeader(HeaderNames.SERVER, serverName);
    if (r.to().tag() == null) {
      r.setTo(r.to().withTag(toTag));
    }
    return r;
  }
}
