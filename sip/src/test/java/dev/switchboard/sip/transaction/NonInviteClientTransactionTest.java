package dev.switchboard.sip.transaction;

import static dev.switchboard.sip.transaction.Msgs.SERVER_TCP;
import static dev.switchboard.sip.transaction.Msgs.SERVER_UDP;
import static dev.switchboard.sip.transaction.TransactionState.COMPLETED;
import static dev.switchboard.sip.transaction.TransactionState.PROCEEDING;
import static dev.switchboard.sip.transaction.TransactionState.TERMINATED;
import static dev.switchboard.sip.transaction.TransactionState.TRYING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.transport.Endpoint;
import org.junit.jupiter.api.Test;

/** RFC 3261 Figure 6. */
class NonInviteClientTransactionTest extends LayerFixture {
  private SipRequest options;

  private ClientTransaction send(Endpoint nextHop) {
    options = Msgs.request(SipRequest.OPTIONS, layer.newBranch(), nextHop);
    return layer.sendRequest(options, nextHop, listener);
  }

  private void receive(int status, Endpoint from) {
    layer.onMessage(Msgs.response(options, status, "srv"), from);
  }

  @Test
  void tryingRetransmitsOnTimerEDoublingUpToT2() {
    ClientTransaction tx = send(SERVER_UDP);
    assertThat(tx).isInstanceOf(NonInviteClientTransaction.class);
    assertThat(tx.state()).isEqualTo(TRYING);
    advance(31.9);
    assertThat(transport.secondsOf("OPTIONS"))
        .containsExactly(0.0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5);
  }

  @Test
  void tryingToTerminatedOnTimerFAt32SecondsReports408() {
    ClientTransaction tx = send(SERVER_UDP);
    at(31.999);
    assertThat(tx.state()).isEqualTo(TRYING);
    at(32);
    assertThat(tx.state()).isEqualTo(TERMINATED);
    assertThat(listener.events).containsExactly("408@32000");
    assertDrains();
  }

  @Test
  void tryingToProceedingOn1xxThenTimerERetransmitsEveryT2() {
    ClientTransaction tx = send(SERVER_UDP);
    at(0.2);
    receive(100, SERVER_UDP);
    assertThat(tx.state()).isEqualTo(PROCEEDING);
    advance(31);
    assertThat(transport.secondsOf("OPTIONS"))
        .containsExactly(0.0, 0.5, 4.5, 8.5, 12.5, 16.5, 20.5, 24.5, 28.5);
    assertThat(listener.events).containsExactly("100@200");
  }

  @Test
  void proceedingPassesFurtherProvisionalsToTheTu() {
    send(SERVER_UDP);
    receive(100, SERVER_UDP);
    receive(180, SERVER_UDP);
    assertThat(listener.events).containsExactly("100@0", "180@0");
  }

  @Test
  void proceedingToTerminatedOnTimerFReports408() {
    ClientTransaction tx = send(SERVER_UDP);
    receive(100, SERVER_UDP);
    at(32);
    assertThat(tx.state()).isEqualTo(TERMINATED);
    assertThat(listener.events).containsExactly("100@0", "408@32000");
    assertDrains();
  }

  @Test
  void tryingToCompletedOnFinalStopsRetransmissions() {
    ClientTransaction tx = send(SERVER_UDP);
    at(0.7);
    receive(200, SERVER_UDP);
    assertThat(tx.state()).isEqualTo(COMPLETED);
    assertThat(listener.events).containsExactly("200@700");
    advance(4.9);
    assertThat(transport.secondsOf("OPTIONS")).containsExactly(0.0, 0.5);
  }

  @Test
  void proceedingToCompletedOnFinal() {
    ClientTransaction tx = send(SERVER_UDP);
    receive(100, SERVER_UDP);
    receive(404, SERVER_UDP);
    assertThat(tx.state()).isEqualTo(COMPLETED);
    assertThat(tx.finalResponse().status()).isEqualTo(404);
  }

  @Test
  void completedAbsorbsRetransmittedResponses() {
    send(SERVER_UDP);
    receive(200, SERVER_UDP);
    receive(200, SERVER_UDP);
    receive(100, SERVER_UDP);
    assertThat(listener.events).containsExactly("200@0");
    assertThat(user.strays).isEmpty();
  }

  @Test
  void completedToTerminatedOnTimerKAfterT4() {
    ClientTransaction tx = send(SERVER_UDP);
    at(1);
    receive(200, SERVER_UDP);
    at(5.999);
    assertThat(tx.state()).isEqualTo(COMPLETED);
    at(6);
    assertThat(tx.state()).isEqualTo(TERMINATED);
    assertDrains();
  }

  @Test
  void reliableTryingSendsOnceAndTimesOutOnTimerF() {
    ClientTransaction tx = send(SERVER_TCP);
    at(32);
    assertThat(transport.secondsOf("OPTIONS")).containsExactly(0.0);
    assertThat(tx.state()).isEqualTo(TERMINATED);
    assertThat(listener.events).containsExactly("408@32000");
  }

  @Test
  void reliableCompletedTerminatesAtOnceAsTimerKIsZero() {
    ClientTransaction tx = send(SERVER_TCP);
    receive(200, SERVER_TCP);
    assertThat(tx.state()).isEqualTo(TERMINATED);
    assertThat(listener.events).containsExactly("200@0");
    assertDrains();
  }

  @Test
  void tryingToTerminatedOnTransportErrorReports503() {
    transport.failWith(reset());
    ClientTransaction tx = send(SERVER_TCP);
    assertThat(tx.state()).isEqualTo(TERMINATED);
    assertThat(listener.events).containsExactly("503@0");
    assertDrains();
  }

  @Test
  void proceedingToTerminatedOnTransportErrorOfARetransmission() {
    ClientTransaction tx = send(SERVER_UDP);
    receive(100, SERVER_UDP);
    transport.failWith(reset());
    at(0.5);
    assertThat(tx.state()).isEqualTo(TERMINATED);
    assertThat(listener.events).containsExactly("100@0", "503@500");
    assertDrains();
  }

  @Test
  void aTransportErrorCanBeHandledExplicitly() {
    transport.failWith(reset());
    Throwable[] seen = new Throwable[1];
    ClientTransactionListener explicit =
        new ClientTransactionListener() {
          @Override
          public void onResponse(ClientTransaction tx, dev.switchboard.sip.message.SipResponse r) {}

          @Override
          public void onTransportError(ClientTransaction tx, Throwable cause) {
            seen[0] = cause;
          }
        };
    options = Msgs.request(SipRequest.OPTIONS, layer.newBranch(), SERVER_UDP);
    layer.sendRequest(options, SERVER_UDP, explicit);
    assertThat(seen[0]).hasMessage("connection reset");
  }
}
