package dev.switchboard.sip.transaction;

import dev.switchboard.sip.message.MessageParser;
import dev.switchboard.sip.message.SipMessage;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.transport.Endpoint;
import dev.switchboard.sip.transport.TransportKind;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Test messages, built as wire text and parsed, as the transport would deliver them. */
final class Msgs {
  static final Endpoint CLIENT_UDP = Endpoint.udp(new InetSocketAddress("192.0.2.10", 5060));
  static final Endpoint CLIENT_TCP = Endpoint.tcp(new InetSocketAddress("192.0.2.10", 5060));
  static final Endpoint SERVER_UDP = Endpoint.udp(new InetSocketAddress("198.51.100.1", 5060));
  static final Endpoint SERVER_TCP = Endpoint.tcp(new InetSocketAddress("198.51.100.1", 5060));

  private static final MessageParser PARSER = new MessageParser();

  private Msgs() {}

  /** A request from client.test with that branch (null for none) over the endpoint's transport. */
  static SipRequest request(String method, String branch, Endpoint over) {
    return request(method, branch, over.transport(), "client.test:5060", null);
  }

  static SipRequest request(
      String method, String branch, TransportKind kind, String sentBy, String toTag) {
    String text =
        method
            + " sip:bob@b.test SIP/2.0\r\n"
            + "Via: SIP/2.0/"
            + kind.viaName()
            + " "
            + sentBy
            + (branch == null ? "" : ";branch=" + branch)
            // As the transport stamps it on arrival from 192.0.2.10:5060 (RFC 3581).
            + ";received=192.0.2.10;rport=5060"
            + "\r\n"
            + "Max-Forwards: 70\r\n"
            + "Route: <sip:edge.test;lr>\r\n"
            + "Route: <sip:core.test;lr>\r\n"
            + "From: \"Alice\" <sip:alice@a.test>;tag=from1\r\n"
            + "To: <sip:bob@b.test>"
            + (toTag == null ? "" : ";tag=" + toTag)
            + "\r\n"
            + "Call-ID: call1@a.test\r\n"
            + "CSeq: 1 "
            + method
            + "\r\n"
            + "Content-Length: 0\r\n\r\n";
    return (SipRequest) PARSER.parseDatagram(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A response to {@code request} as the far end sends it, To tag {@code toTag} above 100. */
  static SipResponse response(SipRequest request, int status, String toTag) {
    SipResponse r = request.createResponse(status, null);
    if (status > 100 && toTag != null) {
      r.setTo(r.to().withTag(toTag));
    }
    return wire(r);
  }

  /** An ACK from the client for {@code response}, with that branch. */
  static SipRequest ack(SipRequest invite, SipResponse response, String branch) {
    SipRequest a =
        request(
            SipRequest.ACK,
            branch,
            TransportKind.fromName(invite.topVia().transport()),
            invite.topVia().sentBy(),
            null);
    a.setTo(response.to());
    return wire(a);
  }

  /** A copy through the wire, so what a test sends in is never an object the layer sent out. */
  @SuppressWarnings("unchecked")
  static <T extends SipMessage> T wire(T m) {
    return (T) PARSER.parseDatagram(m.toBytes());
  }
}
