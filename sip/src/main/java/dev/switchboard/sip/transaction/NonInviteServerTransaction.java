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
 * Terminated; timer J.
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
    sendResponse(r);
    if (r.isProvisional()) {
      setState(PROCEEDING);
    } else {
      setState(COMPLETED);
      startTimerOrTerminate(TimerName.J, config.timerJ(isReliable()));
    }
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
