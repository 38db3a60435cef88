package dev.switchboard.server.proxy;

import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.transaction.ClientTransaction;
import dev.switchboard.sip.transaction.ClientTransactionListener;
import dev.switchboard.sip.transaction.TimerService;
import dev.switchboard.sip.transport.Endpoint;

/**
 * One forwarded copy of a request (§16.6) and its client transaction; its fields are guarded by the
 * owning {@link ResponseContext}'s lock.
 */
final class ProxyBranch implements ClientTransactionListener {
  final ResponseContext context;
  final Target target;
  SipRequest request; // null once the context is done
  final Endpoint nextHop;
  ClientTransaction tx;
  boolean provisional;
  boolean finished;

  /** A CANCEL is wanted but must wait for a provisional response (§9.1). */
  String cancelReason;

  boolean cancelWanted;
  boolean cancelSent;

  /** Timer C fired: the callee did not answer in time, whatever it sends back now. */
  boolean noAnswer;

  TimerService.Scheduled timer;

  /** The next hop never answered or could not be reached: its 408 or 503 is our own. */
  boolean unreachable;

  ProxyBranch(ResponseContext context, Target target, SipRequest request, Endpoint nextHop) {
    this.context = context;
    this.target = target;
    this.request = request;
    this.nextHop = nextHop;
  }

  @Override
  public void onResponse(ClientTransaction transaction, SipResponse response) {
    context.onResponse(this, transaction, response);
  }

  @Override
  public void onTimeout(ClientTransaction transaction) {
    context.onUnreachable(this, transaction, transaction.localResponse(408));
  }

  @Override
  public void onTransportError(ClientTransaction transaction, Throwable cause) {
    if (transaction.finalResponse() == null) {
      context.onUnreachable(this, transaction, transaction.localResponse(503));
    }
  }

  void stopTimer() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }
}
