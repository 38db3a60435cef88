package dev.switchboard.sip.transaction;

/** What a server transaction tells its TU after the request was handed over. */
public interface ServerTransactionListener {

  /** Timer H fired: no ACK came for the non-2xx final response (§17.2.1). */
  default void onTimeout(ServerTransaction tx) {}

  /** The transport failed to send a response (§17.2.4). */
  default void onTransportError(ServerTransaction tx, Throwable cause) {}
}
