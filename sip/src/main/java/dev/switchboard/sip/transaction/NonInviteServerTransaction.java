package dev.switchboard.sip.transaction;

import static dev.switchboard.sip.transaction.TransactionState.COMPLETED;
import static dev.switchboard.sip.transaction.TransactionState.PROCEEDING;
import static dev.switchboard.sip.transaction.TransactionState.TRYING;

import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.transport.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The non-INVITE server transaction of RFC 3261 §17.2.2 (Figure 8): Trying, Proceeding, Completed,
 * Terminated; timer J. Over UDP the Completed state is left to the layer's {@link CompletedEchoes}
 * once the final response is on the wire, so the transaction itself ends there.
 */
public final class NonInviteServerTransaction extends ServerTransaction {
  private static final Logger log = LoggerFactory.getLogger(NonInviteServerTransaction.class);

  NonInviteServerTransaction(
      TransactionLayer layer, TransactionKey key, SipRequest request, Endpoint source) {
    super(layer, key, request, source, TRYING);
  }

  @Override
  void onRetransmission(SipRequest request) {
    // Trying has nothing to send yet; Proceeding and Completed repeat the last response.
    if (state() == PROCEEDING || state() == COMPLETED) {
      resendLast();
    }
  }

  @Override
  void onRespond(SipResponse r) {
    if (state() != TRYING && state() != PROCEEDING) {
      log.debug("dropped {} from the TU in {}", r.status(), state());
      return;
    }
    if (r.isProvisional()) {
      sendResponse(r);
      setState(PROCEEDING);
      return;
    }
    if (!isReliable() && sendEchoed(r)) {
      // The layer answers retransmissions from the bytes; nothing else of ours is needed.
      setState(COMPLETED);
      terminate();
      return;
    }
    sendResponse(r);
    setState(COMPLETED);
    startTimerOrTerminate(TimerName.J, config.timerJ(isReliable()));
  }

  @Override
  void onTimer(TimerName name) {
    if (name == TimerName.J && state() == COMPLETED) {
      terminate();
    }
  }

  @Override
  void onTransportError(Throwable cause) {
    if (state() != TransactionState.TERMINATED) {
      failed(cause);
    }
  }
}
