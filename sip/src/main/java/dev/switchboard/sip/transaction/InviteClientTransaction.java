package dev.switchboard.sip.transaction;

import static dev.switchboard.sip.transaction.TransactionState.ACCEPTED;
import static dev.switchboard.sip.transaction.TransactionState.CALLING;
import static dev.switchboard.sip.transaction.TransactionState.COMPLETED;
import static dev.switchboard.sip.transaction.TransactionState.PROCEEDING;

import dev.switchboard.sip.message.HeaderNames;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.transport.Endpoint;
import java.time.Duration;

/**
 * The INVITE client transaction of RFC 3261 §17.1.1 (Figure 5) with RFC 6026's Accepted state:
 * Calling, Proceeding, Completed, Accepted, Terminated; timers A, B, D and M.
 */
public final class InviteClientTransaction extends ClientTransaction {
  private Duration timerA;
  private SipRequest ack;

  InviteClientTransaction(
      TransactionLayer layer,
      TransactionKey key,
      SipRequest request,
      Endpoint nextHop,
      ClientTransactionListener listener) {
    super(layer, key, request, nextHop, listener, CALLING);
  }

  @Override
  void start() {
    send(request());
    if (!isReliable()) {
      timerA = config.t1();
      startTimer(TimerName.A, timerA);
    }
    startTimer(TimerName.B, config.timerB());
  }

  @Override
  void onTimer(TimerName name) {
    switch (name) {
      case A -> {
        if (state() == CALLING) {
          retransmit(request());
          timerA = timerA.multipliedBy(2);
          startTimer(TimerName.A, timerA);
        }
      }
      case B -> {
        if (state() == CALLING) {
          timedOut();
        }
      }
      case D -> {
        if (state() == COMPLETED) {
          terminate();
        }
      }
      case M -> {
        if (state() == ACCEPTED) {
          terminate();
        }
      }
      default -> {}
    }
  }

  @Override
  void onResponse(SipResponse r) {
    switch (state()) {
      case CALLING, PROCEEDING -> {
        stopTimer(TimerName.A);
        // Timer B guards Calling only; once the server answered, the TU decides (Timer C, CANCEL).
        stopTimer(TimerName.B);
        if (r.isProvisional()) {
          setState(PROCEEDING);
        } else if (r.isSuccess()) {
          recordFinal(r);
          setState(ACCEPTED);
          startTimer(TimerName.M, config.timerM());
        } else {
          recordFinal(r);
          ack = createAck(r);
          send(ack);
          setState(COMPLETED);
          startTimerOrTerminate(TimerName.D, config.timerD(isReliable()));
        }
        deliver(r);
      }
      case COMPLETED -> {
        if (r.isFinal() && !r.isSuccess()) {
          retransmit(ack);
        } else if (r.isSuccess()) {
          // Beyond Figure 5: a 2xx from another fork must reach the TU, not vanish.
          deliver(r);
        }
      }
      case ACCEPTED -> {
        if (r.isSuccess()) {
          deliver(r);
        }
      }
      default -> {}
    }
  }

  @Override
  void onTransportError(Throwable cause) {
    switch (state()) {
      case CALLING, PROCEEDING, COMPLETED -> failed(cause);
      // RFC 6026 Accepted sends nothing, so an error here is a late one for the INVITE.
      default -> {}
    }
  }

  /**
   * The ACK for a non-2xx final response (§17.1.1.3): the original's Request-URI, top Via, Route,
   * From, Call-ID and CSeq number, with the To of the response.
   */
  SipRequest createAck(SipResponse response) {
    SipRequest req = request();
    SipRequest a = SipRequest.create(SipRequest.ACK, req.requestUri());
    a.addHeader(HeaderNames.VIA, req.topVia().toString());
    String maxForwards = req.header(HeaderNames.MAX_FORWARDS);
    a.addHeader(HeaderNames.MAX_FORWARDS, maxForwards == null ? "70" : maxForwards);
    for (String route : req.headers().all(HeaderNames.ROUTE)) {
      a.addHeader(HeaderNames.ROUTE, route);
    }
    a.addHeader(HeaderNames.FROM, req.header(HeaderNames.FROM));
    a.addHeader(HeaderNames.TO, response.header(HeaderNames.TO));
    a.addHeader(HeaderNames.CALL_ID, req.callId());
    a.addHeader(HeaderNames.CSEQ, req.cseq().number() + " " + SipRequest.ACK);
    a.addHeader(HeaderNames.CONTENT_LENGTH, "0");
    return a;
  }

  /**
   * A CANCEL for this INVITE (§9.1): same Request-URI, Call-ID, To, From, CSeq number and top Via
   * (so the same branch), and the Route headers; send it with {@link TransactionLayer#sendRequest}
   * to the same next hop once a provisional response has arrived.
   */
  public SipRequest createCancel() {
    SipRequest req = request();
    SipRequest c = SipRequest.create(SipRequest.CANCEL, req.requestUri());
    c.addHeader(HeaderNames.VIA, req.topVia().toString());
    String maxForwards = req.header(HeaderNames.MAX_FORWARDS);
    c.addHeader(HeaderNames.MAX_FORWARDS, maxForwards == null ? "70" : maxForwards);
    for (String route : req.headers().all(HeaderNames.ROUTE)) {
      c.addHeader(HeaderNames.ROUTE, route);
    }
    c.addHeader(HeaderNames.FROM, req.header(HeaderNames.FROM));
    c.addHeader(HeaderNames.TO, req.header(HeaderNames.TO));
    c.addHeader(HeaderNames.CALL_ID, req.callId());
    c.addHeader(HeaderNames.CSEQ, req.cseq().number() + " " + SipRequest.CANCEL);
    c.addHeader(HeaderNames.CONTENT_LENGTH, "0");
    return c;
  }
}
