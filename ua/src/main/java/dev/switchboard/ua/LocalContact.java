package dev.switchboard.ua;

import dev.switchboard.sip.message.Parameters;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.sip.message.Via;
import dev.switchboard.sip.transport.TransportKind;

/**
 * Where this user agent is reached: the transport and the host and port written into Via and
 * Contact.
 */
public record LocalContact(TransportKind transport, String host, int port) {

  /** Our Via for a new request, with {@code rport} so NATs in between do not matter. */
  public Via via(String branch) {
    return new Via(
        transport.viaName(),
        host,
        port,
        Parameters.NONE.with("branch", branch).with("rport", null));
  }

  /** Our contact URI with {@code user} (may be null). */
  public SipUri uri(String user) {
    SipUri u = new SipUri(false, user, null, host, port, Parameters.NONE, null);
    return transport == TransportKind.UDP ? u : u.withParam("transport", transport.viaName());
  }
}
