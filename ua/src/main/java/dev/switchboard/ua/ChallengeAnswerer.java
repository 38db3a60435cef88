package dev.switchboard.ua;

import dev.switchboard.sip.auth.DigestClient;
import dev.switchboard.sip.message.HeaderNames;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.transaction.ClientTransaction;
import dev.switchboard.sip.transaction.ClientTransactionListener;
import dev.switchboard.sip.transport.Endpoint;
import java.util.function.LongSupplier;

/**
 * Sends a request and answers a 401 or 407 once with digest credentials (RFC 3261 §22.2): the same
 * request with the next CSeq, a new branch and the Authorization headers. A second challenge for
 * the same request (wrong password) goes to the handler as the final answer.
 */
final class ChallengeAnswerer implements ClientTransactionListener {
  private final UaCore core;
  private final Endpoint hop;
  private final LongSupplier nextSeq;
  private final ResponseHandler handler;
  private int retries;

  ChallengeAnswerer(UaCore core, Endpoint hop, LongSupplier nextSeq, ResponseHandler handler) {
    this.core = core;
    this.hop = hop;
    this.nextSeq = nextSeq;
    this.handler = handler;
  }

  @Override
  public void onResponse(ClientTransaction tx, SipResponse response) {
    int status = response.status();
    Credentials creds = core.credentials();
    if ((status == 401 || status == 407) && creds != null && (retries == 0 || stale(response))) {
      SipRequest retry = tx.request().copy();
      retry.removeHeader(HeaderNames.VIA);
      retry.removeHeader(HeaderNames.AUTHORIZATION);
      retry.removeHeader(HeaderNames.PROXY_AUTHORIZATION);
      retry.setHeader(HeaderNames.CSEQ, nextSeq.getAsLong() + " " + retry.method());
      if (!new DigestClient()
          .authorize(retry, response, creds.user(), creds.password())
          .isEmpty()) {
        retries++;
        retry.pushVia(core.contact().via(core.layer().newBranch()));
        try {
          ClientTransaction next = core.layer().sendRequest(retry, hop, this);
          handler.onRetry(next);
          return;
        } catch (RuntimeException e) {
          handler.onResponse(tx, tx.localResponse(503));
          return;
        }
      }
    }
    handler.onResponse(tx, response);
  }

  // One retry answers the challenge; one more only when the nonce we used went stale.
  private boolean stale(SipResponse response) {
    if (retries >= 2) {
      return false;
    }
    String header =
        response.status() == 401 ? HeaderNames.WWW_AUTHENTICATE : HeaderNames.PROXY_AUTHENTICATE;
    return response.headers().all(header).stream()
        .anyMatch(
            v -> v.toLowerCase(java.util.Locale.ROOT).replace(" ", "").contains("stale=true"));
  }
}
