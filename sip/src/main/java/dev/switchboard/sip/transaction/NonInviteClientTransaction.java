package dev.switchboard.sip.transaction;

import static dev.switchboard.sip.transaction.TransactionState.COMPLETED;
import static dev.switchboard.sip.transaction.TransactionState.PROCEEDING;
import static dev.switchboard.sip.transaction.TransactionState.TRYING;

import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.transport.Endpoint;
import java.time.Duration;

/**
 * The non-INVITE client transaction of RFC 3261 §17.1.2 (Figure 6): Trying, Proceeding, Completed,
 * Terminated; timers E, F and K.
 */
public final class NonInviteClientTransaction extends ClientTransaction {
  private Duration timerE;

  NonInviteClientTransaction(
      TransactionLayer layer,
      TransactionKey key,
      SipRequest request,
      Endpoint nextHop,
      ClientTransactionListener listener) {
    super(layer, key, request, nextHop, listener, TRYING);
  }

  @Override
  void start() {
    send(request());
    if (!isReliable()) {
      timerE = config.t1();
      startTimer(TimerName.E, timerE);
    }
    startTimer(TimerName.F, config.timerF());
  }

  @Override
  void onTimer(TimerName name) {
    switch (name) {
      case E -> {
        if (state() == TRYING) {
          retransmit(request());
          timerE = min(timerE.multipliedBy(2), config.t2());
          startTimer(TimerName.E, timerE);
        } else if (state() == PROCEEDING) {
          retransmit(request());
          startTimer(TimerName.E, config.t2());
        }
      }
      case F -> {
        if (state() == TRYING || state() == PROCEEDING) {
          timedOut();
        }
      }
      case K -> {
        if (state() == COMPLETED) {
          terminate();
        }
      }
      default -> {}
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  void onResponse(SipResponse r) {
    if (state() != TRYING && state() != PROCEEDING) {
      return; // Completed absorbs retransmitted finals.
    }
    if (r.isProvisional()) {
      setState(PROCEEDING);
    } else {
      stopTimer(TimerName.E);
      stopTimer(TimerName.F);
      recordFinal(r);
      setState(COMPLETED);
      startTimerOrTerminate(TimerName.K, config.timerK(isReliable()));
    }
    deliver(r);
  }

  @Override
  void onTransportError(Throwable cause) {
    if (state() == TRYING || state() == PROCEEDING) {
      failed(cause);
    }
  }
}
