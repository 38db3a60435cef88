package dev.switchboard.sip.auth;

import dev.switchboard.sip.message.MessageParser;
import dev.switchboard.sip.message.SipRequest;
import java.nio.charset.StandardCharsets;

/** Requests for the tests, parsed from text as they would arrive. */
final class Requests {
  private Requests() {}

  static SipRequest register(String user, String domain) {
    return request("REGISTER", "sip:" + domain, user, domain, 1);
  }

  static SipRequest invite(String user, String domain, String target) {
    return request("INVITE", target, user, domain, 1);
  }

  static SipRequest request(String method, String uri, String user, String domain, int cseq) {
    String text =
        method
            + " "
            + uri
            + " SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-"
            + cseq
            + "\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:"
            + user
            + "@"
            + domain
            + ">;tag=abc\r\n"
            + "To: <sip:"
            + user
            + "@"
            + domain
            + ">\r\n"
            + "Call-ID: call-1@192.0.2.10\r\n"
            + "CSeq: "
            + cseq
            + " "
            + method
            + "\r\n"
            + "Contact: <sip:"
            + user
            + "@192.0.2.10:5060>\r\n"
            + "Content-Length: 0\r\n\r\n";
    return (SipRequest) new MessageParser().parseDatagram(text.getBytes(StandardCharsets.UTF_8));
  }
}
