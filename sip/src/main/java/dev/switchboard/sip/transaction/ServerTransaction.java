package dev.switchboard.sip.transaction;

import dev.switchboard.sip.message.SipMessage;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.transport.Endpoint;
import dev.switchboard.sip.transport.ResponseRoute;
import dev.switchboard.sip.transport.TransportKind;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The server side of a transaction: holds a received request, sends the TU's responses back to its
 * source and answers retransmissions of the request with the last response.
 */
public abstract sealed class ServerTransaction extends Transaction
    permits InviteServerTransaction, NonInviteServerTransaction {
  private static final ServerTransactionListener NO_LISTENER = new ServerTransactionListener() {};

  private final String localTag;
  private volatile ServerTransactionListener listener = NO_LISTENER;
  private volatile SipResponse lastResponse;
  private volatile Object context;

  ServerTransaction(
      TransactionLayer layer,
      TransactionKey key,
      SipRequest request,
      Endpoint source,
      TransactionState initial) {
    super(layer, key, request, source, initial);
    this.localTag = layer.newTag();
  }

  /**
   * Responses go where RFC 3261 §18.2.2 and RFC 3581 say: back on the connection for reliable
   * transports, else by the top Via's maddr, received and rport (which the transport fills in).
   */
  @Override
  Endpoint destinationOf(SipMessage message) {
    return message instanceof SipResponse r ? ResponseRoute.destination(r, peer()) : peer();
  }

  /** Where the request came from. */
  public Endpoint source() {
    return peer();
  }

  /**
   * What the TU's admission learned about the request (see {@link Admission.Accept}), or null; null
   * again once the transaction is {@linkplain #slim slim}.
   */
  public Object context() {
    return context;
  }

  void setContext(Object context) {
    this.context = context;
  }

  /** The last response sent, or null. */
  public SipResponse lastResponse() {
    return lastResponse;
  }

  /** The To tag {@link #createResponse} adds, chosen when the transaction was made. */
  public String localTag() {
    return localTag;
  }

  public void setListener(ServerTransactionListener listener) {
    this.listener = Objects.requireNonNull(listener);
  }

  /**
   * A response to the request (§8.2.6.2) with {@link #localTag} as To tag unless the request had
   * one already or the status is 100.
   */
  public SipResponse createResponse(int status) {
    SipResponse r = request().createResponse(status, null);
    if (status > 100 && request().to().tag() == null) {
      r.setTo(r.to().withTag(localTag));
    }
    return r;
  }

  /**
   * Sends a response through the transaction, which keeps it for retransmission (so do not change
   * it afterwards). Runs at once, or after the transaction's pending events when another thread is
   * inside it.
   */
  public void respond(SipResponse response) {
    Objects.requireNonNull(response);
    if (!response.cseq().method().equals(request().method())) {
      throw new IllegalArgumentException("response is not for " + request().method());
    }
    execute(() -> onRespond(response));
  }

  /** Sends {@link #createResponse createResponse(status)}. */
  public void respond(int status) {
    respond(createResponse(status));
  }

  /** Hands the new transaction to the TU, after any work of its own; runs on the queue. */
  final void begin() {
    execute(
        () -> {
          onBegin();
          layer.deliverNew(this);
        });
  }

  void onBegin() {}

  /** A retransmission of the request matched this transaction. */
  final void receive(SipRequest retransmission) {
    execute(() -> onRetransmission(retransmission));
  }

  abstract void onRespond(SipResponse response);

  abstract void onRetransmission(SipRequest request);

  final void sendResponse(SipResponse r) {
    lastResponse = r;
    send(r);
  }

  /**
   * Sends a final response over UDP as bytes the layer keeps to answer retransmissions for timer J;
   * true when it went out at once. False, with nothing sent, when the response needs the full
   * transaction: it would be SigComp-compressed (its compartment's state may change). False, after
   * sending, when the send is still pending or failed: the caller then keeps the transaction so a
   * transport error reaches the TU.
   */
  final boolean sendEchoed(SipResponse r) {
    if (r.topVia().param("comp") != null) {
      return false;
    }
    Endpoint to = destinationOf(r);
    if (to.transport() != TransportKind.UDP) {
      return false;
    }
    byte[] wire = r.toBytes();
    lastResponse = r;
    CompletionStage<Void> stage;
    try {
      stage = layer.transport().sendEncoded(wire, to);
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    CompletableFuture<Void> f = stage.toCompletableFuture();
    if (f.isDone() && !f.isCompletedExceptionally()) {
      layer.echoes().keep(key(), wire, to);
      return true;
    }
    watch(stage);
    return false;
  }

  @Override
  void onSlim() {
    super.onSlim();
    context = null; // what admission learned (the caller's account) served the request only
    SipResponse last = lastResponse;
    // Completed still retransmits its final response; later states only absorb.
    if (last != null && last.isFinal() && state() != TransactionState.COMPLETED) {
      lastResponse = last.skeleton();
    }
  }

  /** Answers a retransmitted request with the last response, if there is one. */
  final void resendLast() {
    SipResponse last = lastResponse;
    if (last != null) {
      retransmit(last);
    }
  }

  final void timedOut() {
    layer.counters().countTimeout();
    terminate();
    callOut(() -> listener.onTimeout(this));
  }

  final void failed(Throwable cause) {
    terminate();
    reportError(cause);
  }

  final void reportError(Throwable cause) {
    callOut(() -> listener.onTransportError(this, cause));
  }
}
