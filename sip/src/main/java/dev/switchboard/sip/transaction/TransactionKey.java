package dev.switchboard.sip.transaction;

import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.message.Via;

/**
 * What identifies a transaction in the table: the RFC 3261 branch for client transactions (§17.1.3)
 * and for server transactions (§17.2.3), and the RFC 2543 fields for requests whose branch lacks
 * the magic cookie.
 */
public sealed interface TransactionKey {

  /** A client transaction: the branch we put in the top Via, and the request's method. */
  record Client(String branch, String method) implements TransactionKey {}

  /** A server transaction with an RFC 3261 branch: branch, sent-by of the top Via, and method. */
  record Server(String branch, String sentBy, String method) implements TransactionKey {}

  /**
   * A server transaction for an RFC 2543 request: Request-URI, To tag, From tag, Call-ID, CSeq
   * number, method and the top Via (without the received and rport the transport stamps).
   */
  record Rfc2543(
      String requestUri,
      String toTag,
      String fromTag,
      String callId,
      long cseq,
      String method,
      String topVia)
      implements TransactionKey {

    Rfc2543 withToTag(String tag) {
      return new Rfc2543(requestUri, tag, fromTag, callId, cseq, method, topVia);
    }
  }

  /** The key of the client transaction that sends {@code request}. */
  static Client ofOutgoing(SipRequest request) {
    return new Client(request.topVia().branch(), request.method());
  }

  /** The client transaction {@code response} belongs to, or null when its Via has no branch. */
  static Client ofResponse(SipResponse response) {
    String branch = response.topVia().branch();
    return branch == null ? null : new Client(branch, response.cseq().method());
  }

  /**
   * The server transaction an incoming request belongs to; an ACK names the INVITE's, a CANCEL its
   * own.
   */
  static TransactionKey ofIncoming(SipRequest request) {
    return of(request, request.isMethod(SipRequest.ACK) ? SipRequest.INVITE : request.method());
  }

  /** The INVITE server transaction a CANCEL asks to cancel (RFC 3261 §9.2). */
  static TransactionKey cancelTarget(SipRequest cancel) {
    return of(cancel, SipRequest.INVITE);
  }

  private static TransactionKey of(SipRequest r, String method) {
    Via via = r.topVia();
    if (via.hasRfc3261Branch()) {
      return new Server(via.branch(), via.sentBy(), method);
    }
    return new Rfc2543(
        r.requestUri().toString(),
        r.to().tag(),
        r.from().tag(),
        r.callId().strip(),
        r.cseq().number(),
        method,
        via.withoutParam("received").withoutParam("rport").toString());
  }
}
