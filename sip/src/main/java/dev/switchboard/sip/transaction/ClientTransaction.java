package dev.switchboard.sip.transaction;

import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.transport.Endpoint;

/** The client side of a transaction: sends a request to the next hop and takes its responses. */
public abstract sealed class ClientTransaction extends Transaction
    permits InviteClientTransaction, NonInviteClientTransaction {

  private final ClientTransactionListener listener;
  private volatile SipResponse finalResponse;

  ClientTransaction(
      TransactionLayer layer,
      TransactionKey key,
      SipRequest request,
      Endpoint nextHop,
      ClientTransactionListener listener,
      TransactionState initial) {
    super(layer, key, request, nextHop, initial);
    this.listener = listener;
  }

  /** Where the request went. */
  public Endpoint nextHop() {
    return peer();
  }

  /** The first final response received, or null. */
  public SipResponse finalResponse() {
    return finalResponse;
  }

  /**
   * A response made up locally for this request, as RFC 3261 §8.1.3.1 asks for a timeout (408) or a
   * transport error (503).
   */
  public SipResponse localResponse(int status) {
    return request().createResponse(status, null);
  }

  /** Sends the request and starts the timers; runs on the transaction's queue. */
  abstract void start();

  /** A response matched this transaction. */
  final void receive(SipResponse response) {
    execute(() -> onResponse(response));
  }

  abstract void onResponse(SipResponse response);

  @Override
  void onSlim() {
    super.onSlim();
    SipResponse f = finalResponse;
    if (f != null) {
      finalResponse = f.skeleton();
    }
  }

  final void recordFinal(SipResponse response) {
    if (finalResponse == null) {
      finalResponse = response;
    }
  }

  final void deliver(SipResponse response) {
    callOut(() -> listener.onResponse(this, response));
  }

  final void timedOut() {
    layer.counters().countTimeout();
    terminate();
    callOut(() -> listener.onTimeout(this));
  }

  final void failed(Throwable cause) {
    terminate();
    callOut(() -> listener.onTransportError(this, cause));
  }
}
