package dev.switchboard.server.pbx;

import dev.switchboard.server.proxy.RouteTable;
import dev.switchboard.server.proxy.Target;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.sip.transport.Endpoint;
import java.util.List;
import java.util.Map;

/** A number outside the tenant, sent as {@code sip:+E164@route;user=phone} to its trunk. */
final class Outside {
  private Outside() {}

  /** The target for {@code e164} through {@code route}; null when the tenant has no route. */
  static Target target(String route, String e164, RouteTable routes) {
    if (route == null) {
      return null;
    }
    String host = route;
    int port = -1;
    int colon = route.lastIndexOf(':');
    if (colon > 0) {
      host = route.substring(0, colon);
      port = Integer.parseInt(route.substring(colon + 1));
    }
    SipUri uri = new SipUri(false, e164, null, host, port, null, null).withParam("user", "phone");
    Endpoint hop = routes.nextHop(host).orElse(null);
    return new Target(uri, 1000, List.of(), hop, null, null, Map.of());
  }
}
