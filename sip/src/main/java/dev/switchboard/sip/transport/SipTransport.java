package dev.switchboard.sip.transport;

import dev.switchboard.sip.message.MessageParser;
import dev.switchboard.sip.message.SipMessage;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;

/** What the layers above see of the transport layer: send a message, and where we listen. */
public interface SipTransport {

  /**
   * Sends a message to {@code to}; for connection transports an open connection to that address is
   * reused or a new one opened. The stage fails when the transport reports an error (ICMP
   * unreachable, connection refused or reset), which the transaction layer passes to its user.
   */
  CompletionStage<Void> send(SipMessage message, Endpoint to);

  /**
   * Sends {@code wire}, one SIP message already encoded, unchanged (no SigComp) over UDP: a final
   * response kept as bytes to answer retransmissions. The stage fails for other transports. A
   * transport that only sends messages sends the one the bytes encode.
   */
  default CompletionStage<Void> sendEncoded(byte[] wire, Endpoint to) {
    return send(new MessageParser().parseDatagram(wire), to);
  }

  /** The address we listen on for {@code kind}, for Via sent-by and Contact; null if not open. */
  InetSocketAddress listenAddress(TransportKind kind);
}
