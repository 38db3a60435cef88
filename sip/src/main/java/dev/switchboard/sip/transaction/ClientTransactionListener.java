package dev.switchboard.sip.transaction;

import dev.switchboard.sip.message.SipResponse;

/** What a client transaction tells the TU that sent the request. */
public interface ClientTransactionListener {

  /**
   * A response arrived: provisionals, the final response, and for INVITE every further 2xx (RFC
   * 6026 Accepted), which a proxy forwards and a UAC acknowledges.
   */
  void onResponse(ClientTransaction tx, SipResponse response);

  /**
   * Timer B or F fired with no final response. By default handled as a locally made 408, as RFC
   * 3261 §8.1.3.1 asks.
   */
  default void onTimeout(ClientTransaction tx) {
    onResponse(tx, tx.localResponse(408));
  }

  /**
   * The transport failed to send (§17.1.4); the transaction is terminated. By default handled as a
   * locally made 503 (§8.1.3.1) when no final response had arrived yet, else ignored.
   */
  default void onTransportError(ClientTransaction tx, Throwable cause) {
    if (tx.finalResponse() == null) {
      onResponse(tx, tx.localResponse(503));
    }
  }
}
