package dev.switchboard.sip.transaction;

import static dev.switchboard.sip.transaction.Msgs.SERVER_TCP;
import static dev.switchboard.sip.transaction.Msgs.SERVER_UDP;
import static dev.switchboard.sip.transaction.TransactionState.ACCEPTED;
import static dev.switchboard.sip.transaction.TransactionState.CALLING;
import static dev.switchboard.sip.transaction.TransactionState.COMPLETED;
import static dev.switchboard.sip.transaction.TransactionState.PROCEEDING;
import static dev.switchboard.sip.transaction.TransactionState.TERMINATED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sip.message.HeaderNames;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.transport.Endpoint;
import org.junit.jupiter.api.Test;

/** RFC 3261 Figure 5 with RFC 6026's Accepted state. */
class InviteClientTransactionTest extends LayerFixture {
  private SipRequest invite;

  private InviteClientTransaction send(Endpoint nextHop) {
    invite = Msgs.request(SipRequest.INVITE, layer.newBranch(), nextHop);
    return (InviteClientTransaction) layer.sendRequest(invite, nextHop, listener);
  }

  private void receive(int status, String toTag, Endpoint from) {
    layer.onMessage(Msgs.response(invite, status, toTag), from);
  }

  @Test
  void
      callingRetransmitsOnTimerAAtHalfOneAndAHalfThreeAndAHalfSevenAndAHalfFifteenAndAHalfThirtyOneAndAHalfSeconds() {
    InviteClientTransaction tx = send(SERVER_UDP);
    assertThat(tx.state()).isEqualTo(CALLING);
    advance(31.9);
    assertThat(transport.secondsOf("INVITE")).containsExactly(0.0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5);
    assertThat(transport.all()).allMatch(s -> s.to().equals(SERVER_UDP));
    assertThat(layer.counters().retransmissions()).isEqualTo(6);
  }

  @Test
  void callingToTerminatedOnTimerBAt32SecondsReports408() {
    InviteClientTransaction tx = send(SERVER_UDP);
    at(31.999);
    assertThat(tx.state()).isEqualTo(CALLING);
    at(32);
    assertThat(tx.state()).isEqualTo(TERMINATED);
    assertThat(listener.events).containsExactly("408@32000");
    assertThat(listener.responses.get(0).callId()).isEqualTo(invite.callId());
    assertThat(layer.counters().timeouts()).isEqualTo(1);
    assertDrains();
  }

  @Test
  void callingToProceedingOn1xxStopsRetransmissionsAndTimerB() {
    InviteClientTransaction tx = send(SERVER_UDP);
    at(1);
    receive(100, null, SERVER_UDP);
    assertThat(tx.state()).isEqualTo(PROCEEDING);
    advance(120);
    assertThat(transport.secondsOf("INVITE")).containsExactly(0.0, 0.5);
    assertThat(tx.state()).isEqualTo(PROCEEDING);
    assertThat(listener.events).containsExactly("100@1000");
  }

  @Test
  void proceedingPassesEveryProvisionalToTheTu() {
    InviteClientTransaction tx = send(SERVER_UDP);
    receive(100, null, SERVER_UDP);
    receive(180, "t1", SERVER_UDP);
    receive(183, "t1", SERVER_UDP);
    assertThat(tx.state()).isEqualTo(PROCEEDING);
    assertThat(listener.events).containsExactly("100@0", "180@0", "183@0");
  }

  @Test
  void callingToCompletedOnNon2xxFinalSendsAckBuiltPerSection17_1_1_3() {
    InviteClientTransaction tx = send(SERVER_UDP);
    at(0.2);
    receive(486, "callee", SERVER_UDP);

    assertThat(tx.state()).isEqualTo(COMPLETED);
    assertThat(listener.events).containsExactly("486@200");
    RecordingTransport.Sent sent = transport.last();
    assertThat(sent.what()).isEqualTo("ACK");
    assertThat(sent.to()).isEqualTo(SERVER_UDP);
    SipRequest ack = Msgs.wire(sent.request());
    assertThat(ack.requestUri()).isEqualTo(invite.requestUri());
    assertThat(ack.vias()).containsExactly(invite.topVia());
    assertThat(ack.topVia().branch()).isEqualTo(invite.topVia().branch());
    assertThat(ack.callId()).isEqualTo(invite.callId());
    assertThat(ack.from()).isEqualTo(invite.from());
    assertThat(ack.to().tag()).isEqualTo("callee");
    assertThat(ack.cseq().number()).isEqualTo(invite.cseq().number());
    assertThat(ack.cseq().method()).isEqualTo("ACK");
    assertThat(ack.headers().all(HeaderNames.ROUTE))
        .isEqualTo(invite.headers().all(HeaderNames.ROUTE));
    assertThat(ack.body()).isEmpty();
    advance(10);
    assertThat(transport.secondsOf("INVITE")).containsExactly(0.0);
  }

  @Test
  void proceedingToCompletedOnNon2xxFinalSendsAck() {
    InviteClientTransaction tx = send(SERVER_UDP);
    receive(180, "callee", SERVER_UDP);
    receive(603, "callee", SERVER_UDP);
    assertThat(tx.state()).isEqualTo(COMPLETED);
    assertThat(transport.whats()).containsExactly("INVITE", "ACK");
    assertThat(tx.finalResponse().status()).isEqualTo(603);
  }

  @Test
  void completedResendsAckForEachRetransmittedFinalAndAbsorbsIt() {
    InviteClientTransaction tx = send(SERVER_UDP);
    receive(486, "callee", SERVER_UDP);
    at(0.5);
    receive(486, "callee", SERVER_UDP);
    at(1.5);
    receive(486, "callee", SERVER_UDP);
    receive(180, "callee", SERVER_UDP);
    assertThat(transport.secondsOf("ACK")).containsExactly(0.0, 0.5, 1.5);
    assertThat(transport.of("ACK").get(2).message()).isSameAs(transport.of("ACK").get(0).message());
    assertThat(listener.events).containsExactly("486@0");
    assertThat(tx.state()).isEqualTo(COMPLETED);
  }

  @Test
  void completedToTerminatedOnTimerDAfter32Seconds() {
    InviteClientTransaction tx = send(SERVER_UDP);
    receive(500, "x", SERVER_UDP);
    at(31.999);
    assertThat(tx.state()).isEqualTo(COMPLETED);
    at(32);
    assertThat(tx.state()).isEqualTo(TERMINATED);
    assertDrains();
  }

  @Test
  void completedPassesA2xxFromAnotherForkToTheTu() {
    send(SERVER_UDP);
    receive(486, "one", SERVER_UDP);
    receive(200, "two", SERVER_UDP);
    assertThat(listener.events).containsExactly("486@0", "200@0");
    assertThat(transport.of("ACK")).hasSize(1);
  }

  @Test
  void callingToAcceptedOn2xxLeavesTheAckToTheTu() {
    InviteClientTransaction tx = send(SERVER_UDP);
    receive(200, "callee", SERVER_UDP);
    assertThat(tx.state()).isEqualTo(ACCEPTED);
    assertThat(listener.events).containsExactly("200@0");
    advance(10);
    assertThat(transport.whats()).containsExactly("INVITE");
  }

  @Test
  void proceedingToAcceptedOn2xx() {
    InviteClientTransaction tx = send(SERVER_UDP);
    receive(180, "callee", SERVER_UDP);
    receive(200, "callee", SERVER_UDP);
    assertThat(tx.state()).isEqualTo(ACCEPTED);
    assertThat(listener.events).containsExactly("180@0", "200@0");
  }

  @Test
  void acceptedPassesRetransmittedAndForked2xxToTheTuAndIgnoresOthers() {
    InviteClientTransaction tx = send(SERVER_UDP);
    receive(200, "one", SERVER_UDP);
    at(0.5);
    receive(200, "one", SERVER_UDP);
    receive(200, "two", SERVER_UDP);
    receive(180, "three", SERVER_UDP);
    receive(486, "four", SERVER_UDP);
    assertThat(listener.events).containsExactly("200@0", "200@500", "200@500");
    assertThat(listener.responses.get(2).to().tag()).isEqualTo("two");
    assertThat(tx.state()).isEqualTo(ACCEPTED);
    assertThat(tx.finalResponse().to().tag()).isEqualTo("one");
  }

  @Test
  void slimInAcceptedStillPassesForked2xxAndAcksALateFailureFromTheSkeleton() {
    InviteClientTransaction tx = send(SERVER_UDP);
    receive(180, "one", SERVER_UDP);
    tx.slim();
    assertThat(tx.request()).isNotSameAs(invite);
    assertThat(tx.request().headers().all(HeaderNames.ROUTE))
        .isEqualTo(invite.headers().all(HeaderNames.ROUTE));
    // A late failure in Proceeding is ACKed from the skeleton, as §17.1.1.3 builds it.
    receive(486, "one", SERVER_UDP);
    SipRequest ack = Msgs.wire(transport.last().request());
    assertThat(ack.topVia().branch()).isEqualTo(invite.topVia().branch());
    assertThat(ack.headers().all(HeaderNames.ROUTE))
        .isEqualTo(invite.headers().all(HeaderNames.ROUTE));
    assertThat(ack.cseq().number()).isEqualTo(invite.cseq().number());
    assertThat(tx.finalResponse().status()).isEqualTo(486);
  }

  @Test
  void slimAfterA2xxKeepsTheFinalsSkeletonAndStillPassesRetransmissions() {
    InviteClientTransaction tx = send(SERVER_UDP);
    receive(200, "one", SERVER_UDP);
    tx.slim();
    receive(200, "one", SERVER_UDP);
    assertThat(listener.events).hasSize(2);
    assertThat(tx.finalResponse().to().tag()).isEqualTo("one");
    assertThat(tx.state()).isEqualTo(ACCEPTED);
  }

  @Test
  void acceptedToTerminatedOnTimerMAfter32Seconds() {
    InviteClientTransaction tx = send(SERVER_UDP);
    at(1);
    receive(200, "callee", SERVER_UDP);
    at(32.999);
    assertThat(tx.state()).isEqualTo(ACCEPTED);
    at(33);
    assertThat(tx.state()).isEqualTo(TERMINATED);
    assertDrains();
  }

  @Test
  void callingToTerminatedOnTransportErrorReports503() {
    transport.failWith(reset());
    InviteClientTransaction tx = send(SERVER_UDP);
    assertThat(tx.state()).isEqualTo(TERMINATED);
    assertThat(listener.events).containsExactly("503@0");
    assertThat(layer.counters().transportErrors()).isEqualTo(1);
    assertDrains();
  }

  @Test
  void proceedingToTerminatedOnALateTransportError() {
    transport.hold();
    InviteClientTransaction tx = send(SERVER_TCP);
    receive(100, null, SERVER_TCP);
    at(2);
    transport.failHeld(reset());
    assertThat(tx.state()).isEqualTo(TERMINATED);
    assertThat(listener.events).containsExactly("100@0", "503@2000");
  }

  @Test
  void completedToTerminatedOnTransportErrorSendingTheAckWithoutASecondFinal() {
    InviteClientTransaction tx = send(SERVER_UDP);
    transport.failWith(reset());
    receive(486, "callee", SERVER_UDP);
    assertThat(tx.state()).isEqualTo(TERMINATED);
    assertThat(listener.events).containsExactly("486@0");
    assertDrains();
  }

  @Test
  void reliableCallingSendsOnceAndTimesOutOnTimerB() {
    InviteClientTransaction tx = send(SERVER_TCP);
    at(32);
    assertThat(transport.secondsOf("INVITE")).containsExactly(0.0);
    assertThat(tx.state()).isEqualTo(TERMINATED);
    assertThat(listener.events).containsExactly("408@32000");
  }

  @Test
  void reliableCompletedTerminatesAtOnceAsTimerDIsZero() {
    InviteClientTransaction tx = send(SERVER_TCP);
    receive(486, "callee", SERVER_TCP);
    assertThat(transport.whats()).containsExactly("INVITE", "ACK");
    assertThat(tx.state()).isEqualTo(TERMINATED);
    assertThat(layer.size()).isZero();
    assertDrains();
  }

  @Test
  void reliableAcceptedStillWaitsForTimerM() {
    InviteClientTransaction tx = send(SERVER_TCP);
    receive(200, "callee", SERVER_TCP);
    at(31.9);
    assertThat(tx.state()).isEqualTo(ACCEPTED);
    at(32);
    assertThat(tx.state()).isEqualTo(TERMINATED);
  }

  @Test
  void createCancelCopiesTheInviteAsSection9_1Asks() {
    InviteClientTransaction tx = send(SERVER_UDP);
    SipRequest cancel = Msgs.wire(tx.createCancel());
    assertThat(cancel.method()).isEqualTo("CANCEL");
    assertThat(cancel.requestUri()).isEqualTo(invite.requestUri());
    assertThat(cancel.vias()).containsExactly(invite.topVia());
    assertThat(cancel.to()).isEqualTo(invite.to());
    assertThat(cancel.from()).isEqualTo(invite.from());
    assertThat(cancel.callId()).isEqualTo(invite.callId());
    assertThat(cancel.cseq().number()).isEqualTo(invite.cseq().number());
    assertThat(cancel.cseq().method()).isEqualTo("CANCEL");
    assertThat(cancel.headers().all(HeaderNames.ROUTE))
        .isEqualTo(invite.headers().all(HeaderNames.ROUTE));
  }

  @Test
  void terminatedHooksRunOnceWhenTheTransactionEnds() {
    InviteClientTransaction tx = send(SERVER_UDP);
    int[] runs = {0};
    tx.onTerminated(() -> runs[0]++);
    receive(486, "callee", SERVER_UDP);
    assertThat(runs[0]).isZero();
    at(32);
    assertThat(runs[0]).isEqualTo(1);
    tx.onTerminated(() -> runs[0]++);
    assertThat(runs[0]).isEqualTo(2);
  }

  @Test
  void responsesAfterTerminationAreStray() {
    send(SERVER_TCP);
    receive(486, "callee", SERVER_TCP);
    SipResponse late = Msgs.response(invite, 486, "callee");
    layer.onMessage(late, SERVER_TCP);
    assertThat(user.strays).hasSize(1);
  }
}
