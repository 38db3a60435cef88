package dev.switchboard.sip.transport;

import dev.switchboard.sip.message.SipMessage;
import dev.switchboard.sip.message.SipResponse;

/** What the decoders pass up an inbound pipeline: a message, a rejection or a keep-alive ping. */
sealed interface Inbound {

  /** A message that parsed, with the peer it came from. */
  record Received(SipMessage message, Endpoint source) implements Inbound {}

  /**
   * Input that cannot go up the stack. {@code answer} is the 400 to send back to the source, or
   * null to drop silently; {@code closeConnection} when a stream can no longer be framed.
   */
  record Rejected(SipResponse answer, String reason, Endpoint source, boolean closeConnection)
      implements Inbound {}

  /** A CRLFCRLF ping on a connection, to be answered with a CRLF pong (RFC 5626 §3.5.1). */
  record Ping(Endpoint source) implements Inbound {}
}
