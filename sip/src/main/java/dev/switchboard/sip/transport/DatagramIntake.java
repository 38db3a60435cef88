package dev.switchboard.sip.transport;

import dev.switchboard.sip.message.MessageParser;
import dev.switchboard.sip.message.SipParseException;
import dev.switchboard.sip.sigcomp.DecompressedMessage;
import dev.switchboard.sip.sigcomp.SigCompFraming;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound path of a datagram, run on the UDP reader thread that received it: parse as one SIP
 * message (RFC 3261 §18.3) — decompressed first when it is SigComp (RFC 3320 §4.1) — check, stamp
 * the Via, then answer a rejection with its 400 or hand the message up. The same checks as the
 * connection pipeline's handlers, called in the same order.
 */
final class DatagramIntake implements UdpEndpoint.Receiver {
  private static final Logger log = LoggerFactory.getLogger(DatagramIntake.class);

  private final MessageParser parser;
  private final MessageValidator validator;
  private final ViaStamper stamper;
  private final SipMessageHandler handler;
  private final TransportCounters counters;
  private final SigCompLayer sigComp;
  private volatile DatagramGate gate = DatagramGate.OPEN;

  DatagramIntake(
      MessageParser parser,
      MessageValidator validator,
      ViaStamper stamper,
      SipMessageHandler handler,
      TransportCounters counters,
      SigCompLayer sigComp) {
    this.parser = parser;
    this.sigComp = sigComp;
    this.validator = validator;
    this.stamper = stamper;
    this.handler = handler;
    this.counters = counters;
  }

  void setGate(DatagramGate gate) {
    this.gate = gate;
  }

  @Override
  public void datagram(byte[] bytes, InetSocketAddress from, UdpEndpoint via) {
    if (!gate.admit(from, bytes)) {
      counters.gated.incrementAndGet();
      return;
    }
    if (onlyLineBreaks(bytes)) {
      // A CRLF keep-alive; RFC 5626 answers UDP keep-alives with STUN, which we do not speak.
      if (bytes.length > 0) {
        counters.keepAlives.incrementAndGet();
      } else {
        counters.dropped.incrementAndGet();
      }
      return;
    }
    Endpoint source = Endpoint.udp(from);
    DecompressedMessage compressed = null;
    if (SigCompFraming.isSigComp(bytes)) {
      compressed = sigComp.decompress(bytes, source, false, nack -> sendNack(nack, from, via));
      if (compressed == null) {
        counters.dropped.incrementAndGet(); // counted by reason in the SigComp counters
        return;
      }
      bytes = compressed.message();
    }
    Inbound in;
    try {
      in =
          validator.check(
              new Inbound.Received(parser.parseDatagram(bytes, 0, bytes.length), source));
    } catch (SipParseException e) {
      in =
          new Inbound.Rejected(
              parser.badRequest(bytes, 0, bytes.length, e), e.reasonPhrase(), source, false);
    }
    if (in instanceof Inbound.Received r) {
      try {
        stamper.apply(r);
      } catch (SipParseException e) {
        counters.dropped.incrementAndGet();
        return;
      }
      if (compressed != null) {
        sigComp.attach(r.message(), compressed, source);
      }
      counters.messagesIn.incrementAndGet();
      handler.onMessage(r.message(), r.source());
    } else if (in instanceof Inbound.Rejected rejected) {
      reject(rejected, via);
    }
  }

  private void sendNack(byte[] nack, InetSocketAddress to, UdpEndpoint via) {
    try {
      via.send(nack, to);
      counters.messagesOut.incrementAndGet();
    } catch (IOException e) {
      log.debug("NACK to {} not sent: {}", to, e.toString());
    }
  }

  private void reject(Inbound.Rejected r, UdpEndpoint via) {
    log.debug("rejected input from {}: {}", r.source(), r.reason());
    if (r.answer() == null) {
      counters.dropped.incrementAndGet();
      return;
    }
    try {
      via.send(r.answer().toBytes(), r.source().address());
      counters.badRequestsAnswered.incrementAndGet();
      counters.messagesOut.incrementAndGet();
    } catch (IOException e) {
      counters.dropped.incrementAndGet();
    }
  }

  private static boolean onlyLineBreaks(byte[] b) {
    for (byte c : b) {
      if (c != '\r' && c != '\n') {
        return false;
      }
    }
    return true;
  }
}
