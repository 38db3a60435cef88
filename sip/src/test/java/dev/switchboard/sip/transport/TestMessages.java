package dev.switchboard.sip.transport;

import dev.switchboard.sip.message.MessageParser;
import dev.switchboard.sip.message.SipMessage;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import java.nio.charset.StandardCharsets;

/** SIP message texts and parsed messages for transport tests. */
final class TestMessages {
  private TestMessages() {}

  static String options(String via) {
    return request("OPTIONS", via, "OPTIONS", "");
  }

  static String request(String method, String via, String cseqMethod, String body) {
    return method
        + " sip:bob@example.com SIP/2.0\r\n"
        + "Via: "
        + via
        + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@example.com>;tag=a1\r\n"
        + "To: <sip:bob@example.com>\r\n"
        + "Call-ID: call-1@example.com\r\n"
        + "CSeq: 1 "
        + cseqMethod
        + "\r\n"
        + "Content-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\n\r\n"
        + body;
  }

  static String ok(String via) {
    return "SIP/2.0 200 OK\r\n"
        + "Via: "
        + via
        + "\r\n"
        + "From: <sip:alice@example.com>;tag=a1\r\n"
        + "To: <sip:bob@example.com>;tag=b1\r\n"
        + "Call-ID: call-1@example.com\r\n"
        + "CSeq: 1 OPTIONS\r\n"
        + "Content-Length: 0\r\n\r\n";
  }

  static SipRequest parseRequest(String text) {
    return (SipRequest) parse(text);
  }

  static SipResponse parseResponse(String text) {
    return (SipResponse) parse(text);
  }

  static SipMessage parse(String text) {
    return new MessageParser().parseDatagram(text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
