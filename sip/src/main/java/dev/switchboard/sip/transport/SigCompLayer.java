package dev.switchboard.sip.transport;

import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.message.SipMessage;
import dev.switchboard.sip.message.SipParseException;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.sip.message.Uri;
import dev.switchboard.sip.message.Via;
import dev.switchboard.sip.sigcomp.CompartmentId;
import dev.switchboard.sip.sigcomp.Compression;
import dev.switchboard.sip.sigcomp.DecompressedMessage;
import dev.switchboard.sip.sigcomp.Decompression;
import dev.switchboard.sip.sigcomp.RecordMarking;
import dev.switchboard.sip.sigcomp.SigCompEndpoint;
import dev.switchboard.sip.sigcomp.SigCompSignalling;
import java.net.InetAddress;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SigComp between the sockets and the parser (RFC 3320 §4, RFC 3486): decompresses what arrives
 * compressed, keeps its state only once the application vouches for the sender, and compresses what
 * goes to a peer that asked for it with {@code comp=sigcomp} and holds a compartment here.
 */
final class SigCompLayer {
  private static final Logger log = LoggerFactory.getLogger(SigCompLayer.class);

  private final SigCompEndpoint endpoint;

  SigCompLayer(SigCompEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  SigCompEndpoint endpoint() {
    return endpoint;
  }

  /**
   * Decompresses one datagram or record. A failure is counted by the endpoint and its NACK handed
   * to {@code reply} (RFC 4077); a NACK we receive is acted on. Either way null: nothing goes up.
   */
  DecompressedMessage decompress(
      byte[] bytes, Endpoint source, boolean stream, Consumer<byte[]> reply) {
    Decompression d = endpoint.decompress(bytes, source.address().getAddress(), stream);
    if (d instanceof DecompressedMessage m) {
      return m;
    }
    if (d instanceof Decompression.Failed f) {
      log.debug("SigComp message from {} dropped: {}", source, f.failure().getMessage());
      if (f.nack() != null) {
        reply.accept(f.nack());
      }
    }
    return null;
  }

  /**
   * Ties a decompressed message to its compartment (RFC 5049 §6.1: the top Via's sigcomp-id, else
   * its sent-by). A peer that already holds that compartment from the same address goes on using it
   * at once; otherwise the state waits for {@link SipMessage#vouch} (digest authentication), so
   * nobody can open compartments without credentials. A response's state is not kept.
   */
  void attach(SipMessage message, DecompressedMessage decompressed, Endpoint source) {
    if (!(message instanceof SipRequest request)) {
      return;
    }
    CompartmentId id;
    try {
      id = SigCompSignalling.compartmentOfRequest(request.topVia());
    } catch (SipParseException | IllegalArgumentException e) {
      return;
    }
    if (endpoint.holdsCompartment(id, source.address().getAddress())) {
      decompressed.commit(id);
    } else {
      message.onVouch(() -> decompressed.commit(id));
    }
  }

  /**
   * What goes on the wire for {@code message}: compressed when the peer asked for it (a response's
   * top Via, a request's next hop has {@code comp=sigcomp}, RFC 3486 §4–5) and holds a compartment
   * here; else {@code bytes} as they are (also when compression refuses, RFC 3320 §5.2).
   */
  byte[] outgoing(SipMessage message, byte[] bytes, boolean stream) {
    CompartmentId id;
    try {
      id = compartmentAsking(message);
    } catch (SipParseException | IllegalArgumentException e) {
      return bytes;
    }
    if (id == null || !endpoint.hasCompartment(id)) {
      return bytes;
    }
    return endpoint.compress(bytes, id, stream) instanceof Compression.Compressed c
        ? c.message()
        : bytes;
  }

  /**
   * What goes on a connection the peer opened speaking SigComp: every message compressed (there is
   * no plain SIP on it) and record marked, to the compartment of the peer's Via or our target,
   * opened if new within the per-source bound of {@code peer} — a connection has proved its
   * address, and the bound keeps one address from holding more than its share. Null when the
   * message cannot be compressed.
   */
  byte[] outgoingOnSigCompStream(SipMessage message, byte[] bytes, InetAddress peer) {
    CompartmentId id;
    try {
      id = streamCompartment(message);
    } catch (SipParseException | IllegalArgumentException e) {
      return null;
    }
    return id != null
            && endpoint.compress(bytes, id, true, peer) instanceof Compression.Compressed c
        ? RecordMarking.encode(c.message())
        : null;
  }

  /** The peer's Via for a response, our next hop for a request; null for a non-SIP next hop. */
  private static CompartmentId streamCompartment(SipMessage message) {
    if (message instanceof SipResponse) {
      return SigCompSignalling.compartmentOfRequest(message.topVia());
    }
    return nextHopUri((SipRequest) message) instanceof SipUri uri
        ? SigCompSignalling.compartmentOfTarget(uri, null)
        : null;
  }

  private static Uri nextHopUri(SipRequest request) {
    List<Address> routes = request.routes();
    return routes.isEmpty() ? request.requestUri() : routes.get(0).uri();
  }

  private static CompartmentId compartmentAsking(SipMessage message) {
    if (message instanceof SipResponse) {
      Via top = message.topVia();
      return SigCompSignalling.asksForCompression(top)
          ? SigCompSignalling.compartmentOfRequest(top)
          : null;
    }
    return nextHopUri((SipRequest) message) instanceof SipUri uri
            && SigCompSignalling.asksForCompression(uri)
        ? SigCompSignalling.compartmentOfTarget(uri, null)
        : null;
  }
}
