package dev.switchboard.sip.transaction;

import static dev.switchboard.sip.transaction.Msgs.CLIENT_TCP;
import static dev.switchboard.sip.transaction.Msgs.CLIENT_UDP;
import static dev.switchboard.sip.transaction.Msgs.SERVER_UDP;
import static dev.switchboard.sip.transaction.TransactionState.COMPLETED;
import static dev.switchboard.sip.transaction.TransactionState.CONFIRMED;
import static dev.switchboard.sip.transaction.TransactionState.PROCEEDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.sip.message.HeaderNames;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.message.Via;
import dev.switchboard.sip.transport.Endpoint;
import dev.switchboard.sip.transport.TransportKind;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Matching (§17.1.3, §17.2.3, the RFC 2543 fallback), CANCEL, stray messages and cleanup. */
class TransactionLayerTest extends LayerFixture {

  @Test
  void responsesMatchOnBranchAndCSeqMethodSoAnInviteAndItsCancelStayApart() {
    SipRequest invite = Msgs.request(SipRequest.INVITE, layer.newBranch(), SERVER_UDP);
    RecordingListener inviteTu = new RecordingListener(clock);
    InviteClientTransaction itx =
        (InviteClientTransaction) layer.sendRequest(invite, SERVER_UDP, inviteTu);
    layer.onMessage(Msgs.response(invite, 180, "callee"), SERVER_UDP);
    SipRequest cancel = itx.createCancel();
    ClientTransaction ctx = layer.sendRequest(cancel, SERVER_UDP, listener);
    assertThat(ctx.key()).isNotEqualTo(itx.key());

    layer.onMessage(Msgs.response(cancel, 200, "callee"), SERVER_UDP);
    layer.onMessage(Msgs.response(invite, 487, "callee"), SERVER_UDP);

    assertThat(listener.events).containsExactly("200@0");
    assertThat(inviteTu.events).containsExactly("180@0", "487@0");
    assertThat(itx.state()).isEqualTo(COMPLETED);
    assertThat(user.strays).isEmpty();
    assertDrains();
  }

  @Test
  void responseMatchingNoClientTransactionGoesToTheTuAsStray() {
    SipRequest invite = Msgs.request(SipRequest.INVITE, "z9hG4bKnotours", SERVER_UDP);
    SipResponse ok = Msgs.response(invite, 200, "callee");
    layer.onMessage(ok, SERVER_UDP);
    SipResponse noBranch = Msgs.response(Msgs.request("INVITE", null, SERVER_UDP), 200, "x");
    layer.onMessage(noBranch, SERVER_UDP);
    assertThat(user.strays).containsExactly(ok, noBranch);
    assertThat(layer.counters().strayResponses()).isEqualTo(2);
  }

  @Test
  void responseWithTheBranchButAnotherCSeqMethodIsStray() {
    SipRequest invite = Msgs.request(SipRequest.INVITE, layer.newBranch(), SERVER_UDP);
    layer.sendRequest(invite, SERVER_UDP, listener);
    SipResponse r = invite.createResponse(200, null);
    r.setHeader(HeaderNames.CSEQ, "1 BYE");
    layer.onMessage(Msgs.wire(r), SERVER_UDP);
    assertThat(listener.events).isEmpty();
    assertThat(user.strays).hasSize(1);
  }

  @Test
  void sameBranchFromAnotherSentByIsAnotherServerTransaction() {
    SipRequest a = Msgs.request("OPTIONS", "z9hG4bKsame", TransportKind.UDP, "a.test:5060", null);
    SipRequest b = Msgs.request("OPTIONS", "z9hG4bKsame", TransportKind.UDP, "b.test:5060", null);
    layer.onMessage(a, CLIENT_UDP);
    layer.onMessage(b, CLIENT_UDP);
    layer.onMessage(Msgs.wire(a), CLIENT_UDP);
    assertThat(user.requests).hasSize(2);
    assertThat(layer.size()).isEqualTo(2);
  }

  @Test
  void ackWithTheInviteBranchMatchesTheServerTransactionAndAFreshBranchGoesToTheTu() {
    SipRequest invite = Msgs.request(SipRequest.INVITE, "z9hG4bKinv", CLIENT_UDP);
    layer.onMessage(invite, CLIENT_UDP);
    ServerTransaction tx = user.last();
    tx.respond(486);
    layer.onMessage(Msgs.ack(invite, tx.lastResponse(), "z9hG4bKinv"), CLIENT_UDP);
    assertThat(tx.state()).isEqualTo(CONFIRMED);
    assertThat(user.acks).isEmpty();

    SipRequest ackFor2xx = Msgs.ack(invite, tx.lastResponse(), "z9hG4bKnewack");
    layer.onMessage(ackFor2xx, CLIENT_UDP);
    assertThat(user.acks).containsExactly(ackFor2xx);
  }

  @Test
  void cancelGetsItsOwnTransactionAnswered200WithTheInviteToTagAndTheTuLearnsItsTarget() {
    SipRequest invite = Msgs.request(SipRequest.INVITE, "z9hG4bKinv", CLIENT_UDP);
    layer.onMessage(invite, CLIENT_UDP);
    InviteServerTransaction target = (InviteServerTransaction) user.last();
    target.respond(180);
    transport.clear();

    SipRequest cancel = Msgs.request(SipRequest.CANCEL, "z9hG4bKinv", CLIENT_UDP);
    layer.onMessage(cancel, CLIENT_UDP);

    assertThat(user.requests).containsExactly(target);
    assertThat(user.cancelled).containsExactly(target);
    assertThat(user.cancels).containsExactly(cancel);
    assertThat(transport.whats()).containsExactly("200");
    SipResponse ok = transport.last().response();
    assertThat(ok.cseq().method()).isEqualTo("CANCEL");
    assertThat(ok.to().tag()).isEqualTo(target.localTag());
    // The CANCEL's transaction ended with its 200 over UDP; its bytes answer retransmissions.
    assertThat(layer.size()).isEqualTo(1);
    assertThat(layer.echoing()).isEqualTo(1);

    // The UAS then ends the INVITE with 487, which the client acknowledges.
    target.respond(487);
    layer.onMessage(Msgs.ack(invite, target.lastResponse(), "z9hG4bKinv"), CLIENT_UDP);
    assertThat(target.state()).isEqualTo(CONFIRMED);
    assertThat(transport.whats()).containsExactly("200", "487");
    assertDrains();
  }

  @Test
  void retransmittedCancelIsAnsweredWithThe200Again() {
    layer.onMessage(Msgs.request(SipRequest.INVITE, "z9hG4bKinv", CLIENT_UDP), CLIENT_UDP);
    layer.onMessage(Msgs.request(SipRequest.CANCEL, "z9hG4bKinv", CLIENT_UDP), CLIENT_UDP);
    layer.onMessage(Msgs.request(SipRequest.CANCEL, "z9hG4bKinv", CLIENT_UDP), CLIENT_UDP);
    assertThat(transport.whats()).containsExactly("200", "200");
    assertThat(user.cancelled).hasSize(1);
  }

  @Test
  void cancelMatchingNoInviteIsAnswered481ByDefault() {
    layer.onMessage(Msgs.request(SipRequest.CANCEL, "z9hG4bKnothing", CLIENT_UDP), CLIENT_UDP);
    assertThat(transport.whats()).containsExactly("481");
    assertThat(user.cancelled).isEmpty();
    assertThat(user.requests).isEmpty();
  }

  @Test
  void rfc2543InviteRetransmissionMatchesOnRequestUriTagsCallIdCSeqAndTopVia() {
    SipRequest invite = Msgs.request(SipRequest.INVITE, null, CLIENT_UDP);
    layer.onMessage(invite, CLIENT_UDP);
    ServerTransaction tx = user.last();
    assertThat(tx.key()).isInstanceOf(TransactionKey.Rfc2543.class);
    tx.respond(180);
    layer.onMessage(Msgs.request(SipRequest.INVITE, null, CLIENT_UDP), CLIENT_UDP);
    assertThat(user.requests).hasSize(1);
    assertThat(transport.whats()).containsExactly("180", "180");

    SipRequest otherCall = Msgs.request(SipRequest.INVITE, null, CLIENT_UDP);
    otherCall.setHeader(HeaderNames.CALL_ID, "call2@a.test");
    layer.onMessage(Msgs.wire(otherCall), CLIENT_UDP);
    assertThat(user.requests).hasSize(2);
  }

  @Test
  void rfc2543AckMatchesOnlyWithTheToTagOfTheResponseSent() {
    SipRequest invite = Msgs.request(SipRequest.INVITE, "oldstyle1", CLIENT_UDP);
    layer.onMessage(invite, CLIENT_UDP);
    ServerTransaction tx = user.last();
    tx.respond(486);

    SipRequest wrongTag = Msgs.ack(invite, Msgs.response(invite, 486, "other"), "oldstyle1");
    layer.onMessage(wrongTag, CLIENT_UDP);
    assertThat(tx.state()).isEqualTo(COMPLETED);
    assertThat(user.acks).containsExactly(wrongTag);

    layer.onMessage(Msgs.ack(invite, tx.lastResponse(), "oldstyle1"), CLIENT_UDP);
    assertThat(tx.state()).isEqualTo(CONFIRMED);
  }

  @Test
  void rfc2543CancelFindsItsInvite() {
    layer.onMessage(Msgs.request(SipRequest.INVITE, null, CLIENT_UDP), CLIENT_UDP);
    ServerTransaction invite = user.last();
    layer.onMessage(Msgs.request(SipRequest.CANCEL, null, CLIENT_UDP), CLIENT_UDP);
    assertThat(user.cancelled).containsExactly((InviteServerTransaction) invite);
    assertThat(transport.whats()).containsExactly("200");
  }

  @Test
  void rfc2543MatchingIgnoresTheReceivedAndRportTheTransportStamps() {
    SipRequest first = Msgs.request(SipRequest.OPTIONS, null, CLIENT_UDP);
    layer.onMessage(first, CLIENT_UDP);
    SipRequest again = Msgs.request(SipRequest.OPTIONS, null, CLIENT_UDP);
    Via via = again.topVia().withParam("received", "192.0.2.99").withParam("rport", "40000");
    again.setTopVia(via);
    layer.onMessage(Msgs.wire(again), CLIENT_UDP);
    assertThat(user.requests).hasSize(1);
  }

  @Test
  void sendRequestRefusesAckABranchWithoutTheMagicCookieAndADuplicate() {
    assertThatThrownBy(
            () ->
                layer.sendRequest(
                    Msgs.request(SipRequest.ACK, layer.newBranch(), SERVER_UDP),
                    SERVER_UDP,
                    listener))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                layer.sendRequest(
                    Msgs.request(SipRequest.OPTIONS, "1234", SERVER_UDP), SERVER_UDP, listener))
        .isInstanceOf(IllegalArgumentException.class);
    String branch = layer.newBranch();
    layer.sendRequest(Msgs.request(SipRequest.OPTIONS, branch, SERVER_UDP), SERVER_UDP, listener);
    assertThatThrownBy(
            () ->
                layer.sendRequest(
                    Msgs.request(SipRequest.OPTIONS, branch, SERVER_UDP), SERVER_UDP, listener))
        .isInstanceOf(IllegalStateException.class);
    assertThat(layer.size()).isEqualTo(1);
  }

  @Test
  void newBranchCarriesTheMagicCookieAndNeverRepeats() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String b = layer.newBranch();
      assertThat(b).startsWith(Via.MAGIC_COOKIE);
      assertThat(seen.add(b)).isTrue();
    }
    assertThat(new TransactionLayer(transport, clock, TimerConfig.DEFAULT).newBranch())
        .isNotIn(seen);
  }

  @Test
  void sendStatelessGoesStraightToTheTransport() {
    SipRequest ack = Msgs.request(SipRequest.ACK, layer.newBranch(), SERVER_UDP);
    layer.sendStateless(ack, SERVER_UDP);
    assertThat(transport.whats()).containsExactly("ACK");
    assertThat(layer.size()).isZero();
  }

  @Test
  void messagesBeforeATuIsBoundAndUnmatchableMessagesAreDropped() {
    TransactionLayer unbound = new TransactionLayer(transport, clock, TimerConfig.DEFAULT);
    unbound.onMessage(Msgs.request(SipRequest.OPTIONS, "z9hG4bK1", CLIENT_UDP), CLIENT_UDP);
    assertThat(unbound.size()).isZero();

    SipRequest noVia = Msgs.request(SipRequest.OPTIONS, "z9hG4bK1", CLIENT_UDP);
    noVia.removeHeader(HeaderNames.VIA);
    layer.onMessage(noVia, CLIENT_UDP);
    SipResponse noCSeq = Msgs.response(Msgs.request("OPTIONS", "z9hG4bK2", CLIENT_UDP), 200, "t");
    noCSeq.removeHeader(HeaderNames.CSEQ);
    layer.onMessage(noCSeq, SERVER_UDP);
    assertThat(layer.size()).isZero();
    assertThat(user.requests).isEmpty();
    assertThat(user.strays).isEmpty();
  }

  @Test
  void aTuThatThrowsDoesNotBreakTheTransaction() {
    user.answer =
        tx -> {
          throw new IllegalStateException("TU bug");
        };
    layer.onMessage(Msgs.request(SipRequest.OPTIONS, "z9hG4bK1", CLIENT_UDP), CLIENT_UDP);
    ServerTransaction tx = user.last();
    tx.respond(200);
    assertThat(transport.whats()).containsExactly("200");
  }

  @Test
  void tableEmptiesOnceEveryTimerHasFired() {
    // Client side: a timeout, a rejection, an acceptance, a non-INVITE over each transport.
    layer.sendRequest(
        Msgs.request(SipRequest.INVITE, layer.newBranch(), SERVER_UDP), SERVER_UDP, listener);
    SipRequest rejected = Msgs.request(SipRequest.INVITE, layer.newBranch(), SERVER_UDP);
    layer.sendRequest(rejected, SERVER_UDP, listener);
    layer.onMessage(Msgs.response(rejected, 486, "t"), SERVER_UDP);
    SipRequest accepted = Msgs.request(SipRequest.INVITE, layer.newBranch(), SERVER_UDP);
    layer.sendRequest(accepted, SERVER_UDP, listener);
    layer.onMessage(Msgs.response(accepted, 200, "t"), SERVER_UDP);
    SipRequest bye = Msgs.request(SipRequest.BYE, layer.newBranch(), SERVER_UDP);
    layer.sendRequest(bye, SERVER_UDP, listener);
    layer.onMessage(Msgs.response(bye, 200, "t"), SERVER_UDP);
    layer.sendRequest(
        Msgs.request(SipRequest.MESSAGE, layer.newBranch(), CLIENT_TCP), CLIENT_TCP, listener);

    // Server side: rejected and acknowledged, rejected and never acknowledged, accepted,
    // cancelled, non-INVITE answered.
    user.answer =
        tx -> {
          if (tx.request().isMethod(SipRequest.INVITE)) {
            tx.respond(tx.request().topVia().branch().endsWith("ok") ? 200 : 486);
          } else {
            tx.respond(200);
          }
        };
    SipRequest acked = Msgs.request(SipRequest.INVITE, "z9hG4bKacked", CLIENT_UDP);
    layer.onMessage(acked, CLIENT_UDP);
    layer.onMessage(Msgs.ack(acked, user.last().lastResponse(), "z9hG4bKacked"), CLIENT_UDP);
    layer.onMessage(Msgs.request(SipRequest.INVITE, "z9hG4bKnoack", CLIENT_UDP), CLIENT_UDP);
    layer.onMessage(Msgs.request(SipRequest.INVITE, "z9hG4bKok", CLIENT_TCP), CLIENT_TCP);
    layer.onMessage(Msgs.request(SipRequest.OPTIONS, "z9hG4bKopt", CLIENT_UDP), CLIENT_UDP);
    user.answer = tx -> {};
    layer.onMessage(Msgs.request(SipRequest.INVITE, "z9hG4bKcxl", CLIENT_UDP), CLIENT_UDP);
    InviteServerTransaction cancelled = (InviteServerTransaction) user.last();
    layer.onMessage(Msgs.request(SipRequest.CANCEL, "z9hG4bKcxl", CLIENT_UDP), CLIENT_UDP);
    cancelled.respond(487);

    assertThat(layer.size()).isGreaterThan(5);
    assertDrains();
    assertThat(layer.counters().created()).isEqualTo(11);
  }

  @Test
  void concurrentCopiesOfOneRequestMakeOneTransaction() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 50; round++) {
        String branch = "z9hG4bKrace" + round;
        List<SipRequest> copies =
            java.util.stream.IntStream.range(0, threads)
                .mapToObj(i -> Msgs.request(SipRequest.OPTIONS, branch, CLIENT_UDP))
                .toList();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        for (SipRequest copy : copies) {
          pool.execute(
              () -> {
                try {
                  start.await();
                  layer.onMessage(copy, CLIENT_UDP);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  done.countDown();
                }
              });
        }
        start.countDown();
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    // The latches order each round's TU calls before these reads.
    assertThat(user.requests).hasSize(50);
    assertThat(layer.size()).isEqualTo(50);
    assertThat(user.requests).allMatch(tx -> tx.state() == TransactionState.TRYING);
  }

  @Test
  void serverTransactionsAnswerWhereTheStampedViaPoints() {
    Endpoint nat = Endpoint.udp(new java.net.InetSocketAddress("203.0.113.77", 40123));
    SipRequest invite = Msgs.request(SipRequest.INVITE, "z9hG4bKnat", nat);
    // What the transport records for a request that came through a NAT (RFC 3581).
    invite.setTopVia(
        invite.topVia().withParam("received", "203.0.113.77").withParam("rport", "40123"));
    layer.onMessage(invite, nat);
    user.last().respond(180);
    assertThat(transport.last().to()).isEqualTo(nat);
    assertThat(user.last().state()).isEqualTo(PROCEEDING);
  }
}
