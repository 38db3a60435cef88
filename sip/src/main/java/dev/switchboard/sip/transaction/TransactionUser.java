package dev.switchboard.sip.transaction;

import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.transport.Endpoint;

/**
 * The layer above transactions (a proxy core or a UA core): it is handed new server transactions
 * and the messages that belong to no transaction.
 */
public interface TransactionUser {

  /**
   * Decides about a request that matches no transaction, before one is made (not called for ACK or
   * a request retransmitted into an existing transaction). Runs on the receiving thread and must be
   * quick: no I/O, no waiting. By default every request is accepted.
   */
  default Admission admit(SipRequest request, Endpoint source) {
    return Admission.ACCEPT;
  }

  /**
   * A new request (not ACK, not a CANCEL that matched an INVITE) created this server transaction;
   * the TU must answer it through {@link ServerTransaction#respond}.
   */
  void onRequest(ServerTransaction tx);

  /**
   * An ACK that belongs to no transaction (the ACK for a 2xx, RFC 3261 §17.2.3) or arrived for an
   * INVITE server transaction in Accepted (RFC 6026). A UAS hands it to its dialog, a proxy
   * forwards it.
   */
  void onAck(SipRequest ack, Endpoint source);

  /**
   * A response that matches no client transaction. A proxy forwards 2xx responses to INVITE
   * statelessly (§16.7, RFC 6026) and drops the rest.
   */
  void onStrayResponse(SipResponse response, Endpoint source);

  /**
   * A CANCEL matched the INVITE server transaction {@code target}; the layer has already answered
   * the CANCEL with 200 (§9.2, §16.10). A UAS answers the INVITE with 487 if it has no final
   * response yet; a proxy cancels its pending branches.
   */
  void onCancel(InviteServerTransaction target, SipRequest cancel);

  /**
   * A CANCEL matched no INVITE server transaction. By default answered with 481 as a UAS does
   * (§9.2); a proxy may forward it instead (§16.10), statefully so the transaction gets a response.
   */
  default void onUnmatchedCancel(ServerTransaction cancel) {
    cancel.respond(481);
  }
}
