package dev.switchboard.server.sip;

import dev.switchboard.sip.message.AbsoluteUri;
import dev.switchboard.sip.message.HeaderNames;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks RFC 3261 §8.2.1–8.2.2 asks of every UAS before it looks at the method: protocol
 * version (505), Request-URI scheme (416) and required extensions (420).
 */
public final class RequestScreen {
  private final Capabilities capabilities;

  public RequestScreen(Capabilities capabilities) {
    this.capabilities = capabilities;
  }

  /** The rejection for {@code request}, or null when it may go on to its method's handler. */
  public SipResponse reject(SipRequest request) {
    SipResponse basic = rejectBasics(request);
    if (basic != null) {
      return basic;
    }
    if (request.isMethod(SipRequest.ACK) || request.isMethod(SipRequest.CANCEL)) {
      return null; // §8.2.2.3: Require is not checked for ACK and CANCEL.
    }
    return unsupported(request, HeaderNames.REQUIRE);
  }

  /**
   * The rejection for a request the proxy will forward: version and scheme as for a UAS, but
   * Proxy-Require instead of Require (§16.3 step 5: Require is the UAS's business).
   */
  public SipResponse rejectProxied(SipRequest request) {
    SipResponse basic = rejectBasics(request);
    if (basic != null || request.isMethod(SipRequest.ACK) || request.isMethod(SipRequest.CANCEL)) {
      return basic;
    }
    return unsupported(request, HeaderNames.PROXY_REQUIRE);
  }

  private static SipResponse rejectBasics(SipRequest request) {
    if (!request.version().equalsIgnoreCase("SIP/2.0")) {
      return request.createResponse(505, null);
    }
    if (request.requestUri() instanceof AbsoluteUri) {
      return request.createResponse(416, null);
    }
    return null;
  }

  private SipResponse unsupported(SipRequest request, String header) {
    List<String> unsupported = new ArrayList<>();
    for (String tag : request.tokens(header)) {
      if (!capabilities.supports(tag)) {
        unsupported.add(tag);
      }
    }
    if (!unsupported.isEmpty()) {
      SipResponse r = request.createResponse(420, null);
      r.setHeader(HeaderNames.UNSUPPORTED, String.join(", ", unsupported));
      return r;
    }
    return null;
  }
}
