package dev.switchboard.sip.transaction;

import static dev.switchboard.sip.transaction.Msgs.CLIENT_TCP;
import static dev.switchboard.sip.transaction.Msgs.CLIENT_UDP;
import static dev.switchboard.sip.transaction.TransactionState.COMPLETED;
import static dev.switchboard.sip.transaction.TransactionState.PROCEEDING;
import static dev.switchboard.sip.transaction.TransactionState.TERMINATED;
import static dev.switchboard.sip.transaction.TransactionState.TRYING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.transport.Endpoint;
import org.junit.jupiter.api.Test;

/** RFC 3261 Figure 8. */
class NonInviteServerTransactionTest extends LayerFixture {
  private final String branch = "z9hG4bKreg1";

  private ServerTransaction receive(Endpoint from) {
    layer.onMessage(Msgs.request(SipRequest.REGISTER, branch, from), from);
    return user.last();
  }

  private void retransmit(Endpoint from) {
    layer.onMessage(Msgs.request(SipRequest.REGISTER, branch, from), from);
  }

  @Test
  void newRequestStartsInTryingAndGoesToTheTu() {
    ServerTransaction tx = receive(CLIENT_UDP);
    assertThat(tx).isInstanceOf(NonInviteServerTransaction.class);
    assertThat(tx.state()).isEqualTo(TRYING);
    advance(1);
    assertThat(transport.all()).isEmpty();
  }

  @Test
  void tryingAbsorbsRetransmittedRequests() {
    receive(CLIENT_UDP);
    retransmit(CLIENT_UDP);
    retransmit(CLIENT_UDP);
    assertThat(user.requests).hasSize(1);
    assertThat(transport.all()).isEmpty();
  }

  @Test
  void tryingToProceedingOn1xxFromTheTu() {
    ServerTransaction tx = receive(CLIENT_UDP);
    tx.respond(100);
    assertThat(tx.state()).isEqualTo(PROCEEDING);
    assertThat(transport.whats()).containsExactly("100");
  }

  @Test
  void proceedingSendsFurtherProvisionalsAndResendsTheLastOnRetransmission() {
    ServerTransaction tx = receive(CLIENT_UDP);
    tx.respond(100);
    tx.respond(183);
    retransmit(CLIENT_UDP);
    assertThat(transport.whats()).containsExactly("100", "183", "183");
    assertThat(tx.state()).isEqualTo(PROCEEDING);
  }

  @Test
  void aFinalOverUdpEndsTheTransactionAndLeavesItsBytesToAnswerRetransmissions() {
    ServerTransaction tx = receive(CLIENT_UDP);
    tx.respond(200);
    // Completed lives on in the layer as the response's bytes: the request is no longer held.
    assertThat(tx.state()).isEqualTo(TERMINATED);
    assertThat(layer.size()).isZero();
    assertThat(layer.echoing()).isEqualTo(1);
    assertThat(transport.whats()).containsExactly("200");
  }

  @Test
  void proceedingToCompletedOnFinalFromTheTu() {
    ServerTransaction tx = receive(CLIENT_UDP);
    tx.respond(100);
    tx.respond(401);
    assertThat(tx.state()).isEqualTo(TERMINATED);
    assertThat(layer.echoing()).isEqualTo(1);
    assertThat(transport.whats()).containsExactly("100", "401");
  }

  @Test
  void completedResendsTheFinalOnRetransmissionAndDropsFurtherResponsesFromTheTu() {
    ServerTransaction tx = receive(CLIENT_UDP);
    tx.respond(200);
    at(0.5);
    retransmit(CLIENT_UDP);
    tx.respond(500);
    assertThat(transport.secondsOf("200")).containsExactly(0.0, 0.5);
    assertThat(transport.whats()).containsExactly("200", "200");
    assertThat(layer.counters().retransmissions()).isEqualTo(1);
    assertThat(user.requests).hasSize(1);
  }

  @Test
  void completedAnswersRetransmissionsUntilTimerJAt32SecondsThenTheRequestIsNew() {
    ServerTransaction tx = receive(CLIENT_UDP);
    tx.respond(200);
    at(31.999);
    retransmit(CLIENT_UDP);
    assertThat(transport.whats()).containsExactly("200", "200");
    assertThat(user.requests).hasSize(1);
    at(32);
    assertThat(layer.echoing()).isZero();
    retransmit(CLIENT_UDP);
    assertThat(user.requests).hasSize(2);
    assertThat(tx.state()).isEqualTo(TERMINATED);
  }

  @Test
  void aFinalWhoseSendIsStillPendingKeepsTheWholeTransactionUntilTimerJ() {
    ServerTransaction tx = receive(CLIENT_UDP);
    transport.hold();
    tx.respond(200);
    assertThat(tx.state()).isEqualTo(COMPLETED);
    at(31.999);
    assertThat(tx.state()).isEqualTo(COMPLETED);
    at(32);
    assertThat(tx.state()).isEqualTo(TERMINATED);
    assertDrains();
  }

  @Test
  void reliableCompletedTerminatesAtOnceAsTimerJIsZero() {
    ServerTransaction tx = receive(CLIENT_TCP);
    tx.respond(200);
    assertThat(tx.state()).isEqualTo(TERMINATED);
    assertDrains();
  }

  @Test
  void proceedingToTerminatedOnTransportError() {
    ServerTransaction tx = receive(CLIENT_TCP);
    transport.failWith(reset());
    tx.respond(100);
    assertThat(tx.state()).isEqualTo(TERMINATED);
    assertThat(user.failures).containsExactly("transport error: connection reset");
    assertDrains();
  }

  @Test
  void completedToTerminatedOnTransportError() {
    ServerTransaction tx = receive(CLIENT_UDP);
    transport.hold();
    tx.respond(200);
    assertThat(tx.state()).isEqualTo(COMPLETED);
    transport.failHeld(reset());
    assertThat(tx.state()).isEqualTo(TERMINATED);
    assertThat(user.failures).containsExactly("transport error: connection reset");
    assertDrains();
  }
}
