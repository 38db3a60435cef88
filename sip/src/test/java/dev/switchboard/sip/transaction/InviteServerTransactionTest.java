package dev.switchboard.sip.transaction;

import static dev.switchboard.sip.transaction.Msgs.CLIENT_TCP;
import static dev.switchboard.sip.transaction.Msgs.CLIENT_UDP;
import static dev.switchboard.sip.transaction.TransactionState.ACCEPTED;
import static dev.switchboard.sip.transaction.TransactionState.COMPLETED;
import static dev.switchboard.sip.transaction.TransactionState.CONFIRMED;
import static dev.switchboard.sip.transaction.TransactionState.PROCEEDING;
import static dev.switchboard.sip.transaction.TransactionState.TERMINATED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.transport.Endpoint;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** RFC 3261 Figure 7 with RFC 6026's Accepted state. */
class InviteServerTransactionTest extends LayerFixture {
  private final String branch = "z9hG4bKclient1";
  private SipRequest invite;

  private InviteServerTransaction receive(Endpoint from) {
    invite = Msgs.request(SipRequest.INVITE, branch, from);
    layer.onMessage(invite, from);
    return (InviteServerTransaction) user.last();
  }

  private void retransmit(Endpoint from) {
    layer.onMessage(Msgs.request(SipRequest.INVITE, branch, from), from);
  }

  private void ack(InviteServerTransaction tx, Endpoint from) {
    layer.onMessage(Msgs.ack(invite, tx.lastResponse(), branch), from);
  }

  @Test
  void newInviteStartsInProceedingAndGoesToTheTu() {
    InviteServerTransaction tx = receive(CLIENT_UDP);
    assertThat(tx.state()).isEqualTo(PROCEEDING);
    assertThat(tx.request()).isSameAs(invite);
    assertThat(tx.source()).isEqualTo(CLIENT_UDP);
    assertThat(user.requests).hasSize(1);
    assertThat(transport.all()).isEmpty();
  }

  @Test
  void proceedingSends100TryingAfter200MillisecondsWhenTheTuIsSilent() {
    InviteServerTransaction tx = receive(CLIENT_UDP);
    at(0.199);
    assertThat(transport.all()).isEmpty();
    at(0.2);
    assertThat(transport.whats()).containsExactly("100");
    SipResponse trying = transport.last().response();
    assertThat(trying.to().tag()).isNull();
    assertThat(transport.last().to()).isEqualTo(CLIENT_UDP);
    assertThat(tx.state()).isEqualTo(PROCEEDING);
  }

  @Test
  void proceedingSendsNo100WhenTheTuAnswersSooner() {
    InviteServerTransaction tx = receive(CLIENT_UDP);
    at(0.1);
    tx.respond(180);
    advance(1);
    assertThat(transport.whats()).containsExactly("180");
  }

  @Test
  void automatic100TryingCanBeImmediateOrOff() {
    layer = newLayer(TimerConfig.DEFAULT.withAutoTrying(Duration.ZERO));
    receive(CLIENT_UDP);
    assertThat(transport.whats()).containsExactly("100");

    transport.clear();
    layer = newLayer(TimerConfig.DEFAULT.withAutoTrying(null));
    receive(CLIENT_TCP);
    advance(5);
    assertThat(transport.all()).isEmpty();
  }

  @Test
  void proceedingAbsorbsRetransmittedInviteUntilThereIsAResponseThenResendsIt() {
    InviteServerTransaction tx = receive(CLIENT_UDP);
    retransmit(CLIENT_UDP);
    assertThat(transport.all()).isEmpty();
    tx.respond(180);
    retransmit(CLIENT_UDP);
    assertThat(transport.whats()).containsExactly("180", "180");
    assertThat(user.requests).hasSize(1);
    assertThat(tx.state()).isEqualTo(PROCEEDING);
  }

  @Test
  void proceedingSendsEachProvisionalFromTheTu() {
    InviteServerTransaction tx = receive(CLIENT_UDP);
    tx.respond(180);
    tx.respond(183);
    assertThat(transport.whats()).containsExactly("180", "183");
    assertThat(tx.lastResponse().status()).isEqualTo(183);
    assertThat(tx.lastResponse().to().tag()).isEqualTo(tx.localTag());
  }

  @Test
  void proceedingToCompletedOnNon2xxFromTheTuThenTimerGRetransmitsDoublingUpToT2() {
    InviteServerTransaction tx = receive(CLIENT_UDP);
    tx.respond(486);
    assertThat(tx.state()).isEqualTo(COMPLETED);
    advance(31.9);
    assertThat(transport.secondsOf("486"))
        .containsExactly(0.0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5);
  }

  @Test
  void completedToTerminatedOnTimerHWithoutAckTellsTheTu() {
    InviteServerTransaction tx = receive(CLIENT_UDP);
    tx.respond(486);
    at(31.999);
    assertThat(tx.state()).isEqualTo(COMPLETED);
    at(32);
    assertThat(tx.state()).isEqualTo(TERMINATED);
    assertThat(user.failures).containsExactly("timeout");
    assertThat(layer.counters().timeouts()).isEqualTo(1);
    assertDrains();
  }

  @Test
  void completedResendsTheFinalResponseOnRetransmittedInvite() {
    InviteServerTransaction tx = receive(CLIENT_UDP);
    tx.respond(404);
    at(0.3);
    retransmit(CLIENT_UDP);
    assertThat(transport.secondsOf("404")).containsExactly(0.0, 0.3);
    assertThat(user.requests).hasSize(1);
  }

  @Test
  void completedToConfirmedOnAckStopsTimerGAndTheAckStaysInTheTransaction() {
    InviteServerTransaction tx = receive(CLIENT_UDP);
    tx.respond(486);
    at(0.6);
    ack(tx, CLIENT_UDP);
    assertThat(tx.state()).isEqualTo(CONFIRMED);
    advance(4.9);
    assertThat(transport.secondsOf("486")).containsExactly(0.0, 0.5);
    assertThat(user.acks).isEmpty();
  }

  @Test
  void confirmedAbsorbsAckAndInviteRetransmissions() {
    InviteServerTransaction tx = receive(CLIENT_UDP);
    tx.respond(486);
    ack(tx, CLIENT_UDP);
    transport.clear();
    ack(tx, CLIENT_UDP);
    retransmit(CLIENT_UDP);
    assertThat(transport.all()).isEmpty();
    assertThat(user.acks).isEmpty();
    assertThat(tx.state()).isEqualTo(CONFIRMED);
  }

  @Test
  void confirmedToTerminatedOnTimerIAfterT4() {
    InviteServerTransaction tx = receive(CLIENT_UDP);
    tx.respond(486);
    at(1);
    ack(tx, CLIENT_UDP);
    at(5.999);
    assertThat(tx.state()).isEqualTo(CONFIRMED);
    at(6);
    assertThat(tx.state()).isEqualTo(TERMINATED);
    assertThat(user.failures).isEmpty();
    assertDrains();
  }

  @Test
  void confirmedKeepsOnlyTheSkeletonsOfItsMessages() {
    InviteServerTransaction tx = receive(CLIENT_UDP);
    tx.respond(486);
    ack(tx, CLIENT_UDP);
    assertThat(tx.request()).isNotSameAs(invite);
    assertThat(tx.request().callId()).isEqualTo(invite.callId());
    assertThat(tx.request().headers().all("Route")).hasSize(2);
    assertThat(tx.lastResponse().status()).isEqualTo(486);
    assertThat(tx.lastResponse().to().tag()).isEqualTo(tx.localTag());
    // Still absorbs what Confirmed absorbs, now from the skeletons.
    transport.clear();
    ack(tx, CLIENT_UDP);
    retransmit(CLIENT_UDP);
    assertThat(transport.all()).isEmpty();
  }

  @Test
  void slimInAcceptedStillAbsorbsAndPassesTheTusRetransmitted2xx() {
    InviteServerTransaction tx = receive(CLIENT_UDP);
    SipResponse ok = tx.createResponse(200);
    ok.addHeader("Contact", "<sip:bob@192.0.2.2>");
    tx.respond(ok);
    tx.slim();
    assertThat(tx.lastResponse().status()).isEqualTo(200);
    assertThat(tx.lastResponse().header("Contact")).isNull();
    retransmit(CLIENT_UDP);
    tx.respond(ok);
    assertThat(transport.whats()).containsExactly("200", "200");
    assertThat(user.requests).hasSize(1);
  }

  @Test
  void slimInCompletedKeepsTheFinalResponseItRetransmits() {
    InviteServerTransaction tx = receive(CLIENT_UDP);
    SipResponse busy = tx.createResponse(486);
    tx.respond(busy);
    tx.slim();
    assertThat(tx.lastResponse()).isSameAs(busy);
    at(0.5);
    assertThat(transport.secondsOf("486")).containsExactly(0.0, 0.5);
  }

  @Test
  void proceedingToAcceptedOn2xxFromTheTu() {
    InviteServerTransaction tx = receive(CLIENT_UDP);
    tx.respond(180);
    tx.respond(200);
    assertThat(tx.state()).isEqualTo(ACCEPTED);
    assertThat(transport.whats()).containsExactly("180", "200");
    advance(10);
    assertThat(transport.whats()).containsExactly("180", "200");
  }

  @Test
  void acceptedAbsorbsRetransmittedInvite() {
    InviteServerTransaction tx = receive(CLIENT_UDP);
    tx.respond(200);
    retransmit(CLIENT_UDP);
    assertThat(transport.whats()).containsExactly("200");
    assertThat(user.requests).hasSize(1);
  }

  @Test
  void acceptedPassesRetransmitted2xxFromTheTuAndDropsOtherResponses() {
    InviteServerTransaction tx = receive(CLIENT_UDP);
    SipResponse ok = tx.createResponse(200);
    tx.respond(ok);
    at(0.5);
    tx.respond(ok);
    tx.respond(180);
    tx.respond(486);
    assertThat(transport.secondsOf("200")).containsExactly(0.0, 0.5);
    assertThat(transport.whats()).containsExactly("200", "200");
    assertThat(tx.state()).isEqualTo(ACCEPTED);
  }

  @Test
  void acceptedPassesAckToTheTu() {
    InviteServerTransaction tx = receive(CLIENT_UDP);
    tx.respond(200);
    ack(tx, CLIENT_UDP);
    assertThat(user.acks).hasSize(1);
    assertThat(tx.state()).isEqualTo(ACCEPTED);
  }

  @Test
  void acceptedToTerminatedOnTimerLAfter32Seconds() {
    InviteServerTransaction tx = receive(CLIENT_UDP);
    at(2);
    tx.respond(200);
    at(33.999);
    assertThat(tx.state()).isEqualTo(ACCEPTED);
    at(34);
    assertThat(tx.state()).isEqualTo(TERMINATED);
    assertDrains();
  }

  @Test
  void terminatedStillPasses2xxRetransmissionsFromTheTu() {
    InviteServerTransaction tx = receive(CLIENT_UDP);
    SipResponse ok = tx.createResponse(200);
    tx.respond(ok);
    at(32);
    tx.respond(ok);
    assertThat(transport.secondsOf("200")).containsExactly(0.0, 32.0);
  }

  @Test
  void proceedingToTerminatedOnTransportErrorTellsTheTu() {
    InviteServerTransaction tx = receive(CLIENT_TCP);
    transport.failWith(reset());
    tx.respond(180);
    assertThat(tx.state()).isEqualTo(TERMINATED);
    assertThat(user.failures).containsExactly("transport error: connection reset");
    assertDrains();
  }

  @Test
  void completedToTerminatedOnTransportErrorTellsTheTu() {
    InviteServerTransaction tx = receive(CLIENT_UDP);
    tx.respond(486);
    transport.failWith(reset());
    at(0.5);
    assertThat(tx.state()).isEqualTo(TERMINATED);
    assertThat(user.failures).containsExactly("transport error: connection reset");
    assertDrains();
  }

  @Test
  void acceptedStaysOnTransportErrorUntilTimerLAsRfc6026Asks() {
    InviteServerTransaction tx = receive(CLIENT_TCP);
    transport.failWith(reset());
    tx.respond(200);
    assertThat(tx.state()).isEqualTo(ACCEPTED);
    assertThat(user.failures).containsExactly("transport error: connection reset");
    at(32);
    assertThat(tx.state()).isEqualTo(TERMINATED);
    assertDrains();
  }

  @Test
  void reliableCompletedDoesNotRetransmitButStillWaitsTimerHForTheAck() {
    InviteServerTransaction tx = receive(CLIENT_TCP);
    tx.respond(486);
    at(31.9);
    assertThat(transport.whats()).containsExactly("486");
    assertThat(tx.state()).isEqualTo(COMPLETED);
    at(32);
    assertThat(tx.state()).isEqualTo(TERMINATED);
    assertThat(user.failures).containsExactly("timeout");
  }

  @Test
  void reliableConfirmedTerminatesAtOnceAsTimerIIsZero() {
    InviteServerTransaction tx = receive(CLIENT_TCP);
    tx.respond(486);
    ack(tx, CLIENT_TCP);
    assertThat(tx.state()).isEqualTo(TERMINATED);
    assertDrains();
  }

  @Test
  void tuAnsweringInsideOnRequestIsSentBeforeOnMessageReturns() {
    user.answer = tx -> tx.respond(404);
    receive(CLIENT_UDP);
    assertThat(transport.whats()).containsExactly("404");
    assertThat(transport.last().response().to().tag()).isNotNull();
  }
}
