package dev.switchboard.sip.transaction;

/** The states of the four transaction machines of RFC 3261 §17 as amended by RFC 6026. */
public enum TransactionState {
  /** INVITE client: request sent, no response yet. */
  CALLING,
  /** Non-INVITE client and server: request sent or received, no response yet. */
  TRYING,
  /** A provisional response was received (client) or sent (server). */
  PROCEEDING,
  /** A final response (any for non-INVITE, non-2xx for INVITE) was received or sent. */
  COMPLETED,
  /** INVITE server: the ACK for a non-2xx final response arrived. */
  CONFIRMED,
  /** RFC 6026: INVITE answered with a 2xx; the transaction stays to absorb retransmissions. */
  ACCEPTED,
  /** Gone from the transaction table; nothing more happens. */
  TERMINATED
}
