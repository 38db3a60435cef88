package dev.switchboard.sip.transport;

import java.util.concurrent.atomic.AtomicLong;

/** Running totals of what the transport saw and did, for metrics and tests. */
public final class TransportCounters {
  final AtomicLong messagesIn = new AtomicLong();
  final AtomicLong messagesOut = new AtomicLong();
  final AtomicLong badRequestsAnswered = new AtomicLong();
  final AtomicLong dropped = new AtomicLong();
  final AtomicLong keepAlives = new AtomicLong();
  final AtomicLong connectionsOpen = new AtomicLong();
  final AtomicLong pipelineErrors = new AtomicLong();
  final AtomicLong gated = new AtomicLong();
  final AtomicLong tlsHandshakeFailures = new AtomicLong();
  final AtomicLong connectionsRefused = new AtomicLong();

  /** Well-formed messages handed to the layer above. */
  public long messagesIn() {
    return messagesIn.get();
  }

  /** SIP messages written to the network, 400s included. */
  public long messagesOut() {
    return messagesOut.get();
  }

  /** Malformed requests answered with a 400. */
  public long badRequestsAnswered() {
    return badRequestsAnswered.get();
  }

  /** Input discarded unanswered: garbage, bad responses, foreign sent-by, refused connections. */
  public long dropped() {
    return dropped.get();
  }

  /** CRLF keep-alive pings received (RFC 5626 §3.5.1), on either transport. */
  public long keepAlives() {
    return keepAlives.get();
  }

  /** TCP connections open now, inbound and outbound. */
  public long connectionsOpen() {
    return connectionsOpen.get();
  }

  /** Datagrams the {@link DatagramGate} turned away before parsing (overload). */
  public long gated() {
    return gated.get();
  }

  /** TLS connections closed because their handshake failed or timed out. */
  public long tlsHandshakeFailures() {
    return tlsHandshakeFailures.get();
  }

  /** Connections closed at accept because the {@link ConnectionGate} refused their source. */
  public long connectionsRefused() {
    return connectionsRefused.get();
  }

  /** Exceptions that reached the end of a pipeline (I/O errors, resets, bugs). */
  public long pipelineErrors() {
    return pipelineErrors.get();
  }

  @Override
  public String toString() {
    return "in="
        + messagesIn
        + " out="
        + messagesOut
        + " 400s="
        + badRequestsAnswered
        + " dropped="
        + dropped
        + " keepAlives="
        + keepAlives
        + " connections="
        + connectionsOpen
        + " errors="
        + pipelineErrors
        + " tlsHandshakeFailures="
        + tlsHandshakeFailures;
  }
}
