package dev.switchboard.sip.transaction;

import static dev.switchboard.sip.transaction.TransactionState.ACCEPTED;
import static dev.switchboard.sip.transaction.TransactionState.COMPLETED;
import static dev.switchboard.sip.transaction.TransactionState.CONFIRMED;
import static dev.switchboard.sip.transaction.TransactionState.PROCEEDING;

import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.transport.Endpoint;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The INVITE server transaction of RFC 3261 §17.2.1 (Figure 7) with RFC 6026's Accepted state:
 * Proceeding, Completed, Confirmed, Accepted, Terminated; timers G, H, I and L, and an automatic
 * 100 Trying.
 */
public final class InviteServerTransaction extends ServerTransaction {
  private static final Logger log = LoggerFactory.getLogger(InviteServerTransaction.class);

  private Duration timerG;

  InviteServerTransaction(
      TransactionLayer layer, TransactionKey key, SipRequest request, Endpoint source) {
    super(layer, key, request, source, PROCEEDING);
  }

  @Override
  void onBegin() {
    Duration d = config.autoTrying();
    if (d == null) {
      return;
    }
    if (d.isZero()) {
      sendResponse(createResponse(100));
    } else {
      startTimer(TimerName.TRYING, d);
    }
  }

  /** An ACK matched this transaction. */
  final void receiveAck(SipRequest ack, Endpoint source) {
    execute(() -> onAck(ack, source));
  }

  private void onAck(SipRequest ack, Endpoint source) {
    switch (state()) {
      case COMPLETED -> {
        stopTimer(TimerName.G);
        stopTimer(TimerName.H);
        setState(CONFIRMED);
        // Confirmed only absorbs ACKs for Timer I (5 s on UDP): the messages need not wait.
        slim();
        startTimerOrTerminate(TimerName.I, config.timerI(isReliable()));
      }
      // RFC 6026: in Accepted the ACK is the TU's (the UAS core's or the proxy's) business.
      case ACCEPTED -> callOut(() -> layer.user().onAck(ack, source));
      default -> {}
    }
  }

  @Override
  void onRetransmission(SipRequest request) {
    switch (state()) {
      case PROCEEDING, COMPLETED -> resendLast();
      // Accepted absorbs: the TU alone retransmits 2xx (RFC 6026).
      default -> {}
    }
  }

  @Override
  void onRespond(SipResponse r) {
    switch (state()) {
      case PROCEEDING -> {
        stopTimer(TimerName.TRYING);
        sendResponse(r);
        if (r.isSuccess()) {
          setState(ACCEPTED);
          startTimer(TimerName.L, config.timerL());
        } else if (r.isFinal()) {
          setState(COMPLETED);
          if (!isReliable()) {
            timerG = config.t1();
            startTimer(TimerName.G, timerG);
          }
          startTimer(TimerName.H, config.timerH());
        }
      }
      case ACCEPTED, TERMINATED -> {
        // 2xx retransmissions from the TU pass through, even just after Timer L.
        if (r.isSuccess()) {
          send(r);
        } else {
          log.debug("dropped {} from the TU in {}", r.status(), state());
        }
      }
      default -> log.debug("dropped {} from the TU in {}", r.status(), state());
    }
  }

  @Override
  void onTimer(TimerName name) {
    switch (name) {
      case TRYING -> {
        if (state() == PROCEEDING && lastResponse() == null) {
          sendResponse(createResponse(100));
        }
      }
      case G -> {
        if (state() == COMPLETED) {
          retransmit(lastResponse());
          timerG = min(timerG.multipliedBy(2), config.t2());
          startTimer(TimerName.G, timerG);
        }
      }
      case H -> {
        if (state() == COMPLETED) {
          timedOut();
        }
      }
      case I -> {
        if (state() == CONFIRMED) {
          terminate();
        }
      }
      case L -> {
        if (state() == ACCEPTED) {
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
  void onTransportError(Throwable cause) {
    switch (state()) {
      case PROCEEDING, COMPLETED -> failed(cause);
      // RFC 6026: a failed 2xx must not end Accepted; Timer L will.
      case ACCEPTED -> reportError(cause);
      default -> {}
    }
  }
}
