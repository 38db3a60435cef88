package dev.switchboard.sip.transport;

import dev.switchboard.sip.message.SipMessage;

/**
 * Receives every well-formed message the transport read, with the peer it came from. Requests
 * arrive with {@code received}/{@code rport} already stamped on their top Via (RFC 3581).
 */
@FunctionalInterface
public interface SipMessageHandler {
  void onMessage(SipMessage message, Endpoint source);
}
