package dev.switchboard.server.proxy;

import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.message.Uri;
import dev.switchboard.sip.transport.Endpoint;
import java.util.List;

/**
 * One destination of the target set (§16.5): the Request-URI to use, its q-value in thousandths,
 * the Path (RFC 3327) that becomes Route headers, and the flow to send on (the binding's source,
 * for NAT), or null to send where the Route or Request-URI says.
 */
record Target(Uri requestUri, int qMillis, List<Address> path, Endpoint flow) {

  Target {
    path = List.copyOf(path);
  }

  static Target of(Uri requestUri, Endpoint flow) {
    return new Target(requestUri, 1000, List.of(), flow);
  }
}
