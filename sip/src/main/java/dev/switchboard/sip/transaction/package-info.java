/**
 * RFC 3261 §17 transactions with the RFC 6026 corrections, as a layer that depends only on the
 * message model and the transport interface.
 *
 * <p>Wiring: make a {@link dev.switchboard.sip.transaction.TransactionLayer} on a transport, a
 * {@link dev.switchboard.sip.transaction.TimerService} and a {@link
 * dev.switchboard.sip.transaction.TimerConfig}; bind the TU with {@code setUser}; register the
 * layer as the transport's {@link dev.switchboard.sip.transport.SipMessageHandler}.
 *
 * <p>A UAS or proxy receives each new request as a {@link
 * dev.switchboard.sip.transaction.ServerTransaction} in {@code TransactionUser.onRequest} and
 * answers it with {@code respond}; retransmissions, 100 Trying for INVITE, ACK for non-2xx and the
 * timers are the transaction's. A UAC or proxy sends a request with {@code sendRequest} after
 * pushing a Via whose branch comes from {@code newBranch()}, and gets responses, timeouts (408) and
 * transport errors (503) on its {@link dev.switchboard.sip.transaction.ClientTransactionListener}.
 * ACK for 2xx and stray 2xx forwarding go through {@code sendStateless}.
 *
 * <p>Threading: each transaction runs its events one at a time on the thread that delivered them
 * (transport, timer or TU thread), holding no lock while it calls out; TU callbacks must not block.
 */
package dev.switchboard.sip.transaction;
