package dev.switchboard.ua;

import dev.switchboard.media.MalformedMediaException;
import dev.switchboard.media.dtmf.DtmfDigit;
import dev.switchboard.media.dtmf.DtmfInfoBody;
import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.message.HeaderNames;
import dev.switchboard.sip.message.SipParseException;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.sip.message.Uri;
import dev.switchboard.sip.sdp.OfferAnswer;
import dev.switchboard.sip.sdp.SdpParseException;
import dev.switchboard.sip.sdp.SdpParser;
import dev.switchboard.sip.sdp.SessionDescription;
import dev.switchboard.sip.transaction.ClientTransaction;
import dev.switchboard.sip.transaction.InviteClientTransaction;
import dev.switchboard.sip.transaction.ServerTransaction;
import dev.switchboard.sip.transaction.TimerService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INVITE session, as caller (UAC) or callee (UAS): its dialog, its media and the requests
 * within it — ACK, BYE, CANCEL, re-INVITE and UPDATE (hold, resume, session refresh), INFO, and
 * transfer both ways (REFER with its NOTIFYs, RFC 3515; Replaces, RFC 3891). State changes under
 * the call's own lock; listeners hear about them on SIP or media threads.
 */
public final class Call {
  private static final Logger log = LoggerFactory.getLogger(Call.class);
  private static final String SDP = "application/sdp";
  private static final String SIPFRAG = "message/sipfrag;version=2.0";

  /** How long a transfer we asked for may take before we call it failed (the new call rings). */
  static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(2);

  /** Where a call is. */
  public enum State {
    /** We sent the INVITE; no provisional answer with a tag yet. */
    CALLING,
    /** The callee is alerting (UAC). */
    EARLY,
    /** An INVITE came in and we have not answered it yet (UAS). */
    INCOMING,
    /** Answered: the dialog is confirmed. */
    CONFIRMED,
    /** Over. */
    ENDED
  }

  /** The call ended before it was answered. */
  public static final class NotAnswered extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient CallEnd end;

    NotAnswered(CallEnd end) {
      super("call not answered: " + end);
      this.end = end;
    }

    public CallEnd end() {
      return end;
    }
  }

  private final UaCore core;
  private final boolean outgoing;
  private final MediaLeg media;
  private final Object context;
  private final SessionTimer sessionTimer;
  private final CompletableFuture<Call> answered = new CompletableFuture<>();
  private final CompletableFuture<CallEnd> ended = new CompletableFuture<>();
  private volatile CallListener listener;
  private State state;
  private Dialog dialog;
  private boolean remoteHold;

  // As caller: the INVITE (the latest retry of it), its transaction and our offer.
  private SipRequest invite;
  private ClientTransaction inviteTx;
  private long inviteSeq = 1;
  private SessionDescription offerSent;
  private boolean cancelRequested;
  private boolean provisional;
  private boolean earlyMedia;
  private SipRequest lastAck;

  // As callee: the INVITE's transaction and the offer it carried (null: the offer is ours).
  private ServerTransaction inviteServer;
  private SessionDescription answerToSend;
  private boolean answerInAck;

  // A 2xx of ours waiting for its ACK (RFC 3261 §13.3.1.4).
  private ServerTransaction unackedTx;
  private SipResponse unacked;
  private Duration retransmitInterval;
  private long giveUpAtNanos;
  private TimerService.Scheduled retransmitTimer;

  // A transfer we asked for (REFER sent): completes with the final status the far end reports.
  private CompletableFuture<Integer> transferOutcome;

  // Our own re-INVITE in flight.
  private boolean reinvitePending;
  private SessionDescription reoffer;

  private Call(UaCore core, boolean outgoing, MediaLeg media, Object context) {
    this.core = core;
    this.outgoing = outgoing;
    this.media = media;
    this.context = context;
    this.sessionTimer = new SessionTimer(core.timers(), this::refreshSession, this::sessionExpired);
    media.stream().onDigit(d -> digit(d.digit()));
  }

  // ---------------------------------------------------------------- caller

  static Call outgoing(UaCore core, Address from, Address to, CallListener listener)
      throws IOException {
    return outgoing(core, from, to, listener, Map.of());
  }

  /** As {@link #outgoing(UaCore, Address, Address, CallListener)} with headers of the caller's. */
  static Call outgoing(
      UaCore core, Address from, Address to, CallListener listener, Map<String, String> headers)
      throws IOException {
    MediaLeg media = MediaLeg.open(core.media());
    Call c = new Call(core, true, media, null);
    c.listener = listener == null ? new CallListener() {} : listener;
    SipRequest inv = SipRequest.create(SipRequest.INVITE, to.uri());
    inv.addHeader(HeaderNames.MAX_FORWARDS, "70");
    inv.addHeader(HeaderNames.FROM, from.withTag(UaCore.token()).toString());
    inv.addHeader(HeaderNames.TO, to.withoutParam("tag").toString());
    inv.addHeader(
        HeaderNames.CALL_ID, UaCore.token() + UaCore.token() + "@" + core.contact().host());
    inv.addHeader(HeaderNames.CSEQ, "1 " + SipRequest.INVITE);
    headers.forEach(inv::setHeader);
    c.start(inv);
    return c;
  }

  private void start(SipRequest inv) {
    synchronized (this) {
      state = State.CALLING;
      addContactAndCapabilities(inv);
      long se = core.settings().sessionExpires().toSeconds();
      if (se > 0) {
        inv.setHeader(HeaderNames.SESSION_EXPIRES, Long.toString(se));
        inv.setHeader("Min-SE", Integer.toString(SessionTimer.MIN_SE));
      }
      offerSent = media.offer();
      inv.setBody(offerSent.toSdp().getBytes(StandardCharsets.UTF_8), SDP);
      invite = inv;
    }
    ClientTransaction tx =
        core.send(
            inv,
            core.hopFor(inv.requestUri()),
            this::nextInviteSeq,
            new ResponseHandler() {
              @Override
              public void onResponse(ClientTransaction t, SipResponse r) {
                onInviteResponse(t, r);
              }

              @Override
              public void onRetry(ClientTransaction t) {
                retried(t);
              }
            });
    synchronized (this) {
      if (inviteTx == null) {
        inviteTx = tx;
      }
    }
  }

  private synchronized long nextInviteSeq() {
    return ++inviteSeq;
  }

  private synchronized void retried(ClientTransaction tx) {
    inviteTx = tx;
    invite = tx.request();
  }

  private void addContactAndCapabilities(dev.switchboard.sip.message.SipMessage r) {
    r.setHeader(HeaderNames.CONTACT, "<" + core.contactUri() + ">");
    r.setHeader(HeaderNames.ALLOW, UaCore.ALLOW);
    r.setHeader(HeaderNames.SUPPORTED, "timer");
  }

  /** A response to our INVITE, or a 2xx retransmitted after its transaction ended (tx null). */
  void onInviteResponse(ClientTransaction tx, SipResponse r) {
    if (r.isProvisional()) {
      onProvisional(tx, r);
    } else if (r.isSuccess()) {
      onInviteSuccess(r);
    } else {
      boolean wasCancelled;
      synchronized (this) {
        if (state != State.CALLING && state != State.EARLY) {
          return;
        }
        wasCancelled = cancelRequested;
      }
      end(
          wasCancelled && r.status() == 487
              ? CallEnd.of(CallEnd.Cause.LOCAL)
              : CallEnd.refused(r.status(), r.reason()));
    }
  }

  private void onProvisional(ClientTransaction tx, SipResponse r) {
    boolean ringing = false;
    synchronized (this) {
      if (state != State.CALLING && state != State.EARLY) {
        return;
      }
      if (!provisional) {
        provisional = true;
        if (cancelRequested) {
          sendCancel();
        }
      }
      if (r.status() > 100 && r.to().tag() != null) {
        ringing = state == State.CALLING;
        state = State.EARLY;
        if (r.body().length > 0 && !earlyMedia) {
          try {
            media.answered(offerSent, SdpParser.parse(r.body()));
            earlyMedia = true;
          } catch (SdpParseException | MediaLeg.NotAcceptable e) {
            log.debug("early answer unusable: {}", e.getMessage());
          }
        }
      }
    }
    if (ringing) {
      listener.onRinging(this);
    }
  }

  private void onInviteSuccess(SipResponse r) {
    DialogId id = DialogId.ofResponse(r);
    CallEnd failure = null;
    synchronized (this) {
      if (dialog != null && dialog.id().equals(id)) {
        if (lastAck != null && lastAck.cseq().number() == r.cseq().number()) {
          core.layer().sendStateless(lastAck, dialog.nextHop()); // the 2xx came again
        }
        return;
      }
      if (state == State.ENDED || dialog != null) {
        refuseFork(r); // a late answer, or a second callee of a forked call
        return;
      }
      dialog = Dialog.asUac(invite, r, core.hopFor(invite.requestUri()));
      core.bind(dialog.id(), this);
      acknowledge(r.cseq().number());
      if (cancelRequested) {
        sendBye();
        failure = CallEnd.of(CallEnd.Cause.LOCAL);
      } else {
        try {
          if (r.body().length > 0) {
            media.answered(offerSent, SdpParser.parse(r.body()));
          } else if (!earlyMedia) {
            throw new MediaLeg.NotAcceptable("the 2xx carried no answer");
          }
          state = State.CONFIRMED;
          startSessionTimer(SessionTimer.Interval.of(r), true);
        } catch (SdpParseException | MediaLeg.NotAcceptable e) {
          log.info("answer unusable, hanging up: {}", e.getMessage());
          sendBye();
          failure = new CallEnd(CallEnd.Cause.FAILED, 488, e.getMessage());
        }
      }
    }
    if (failure != null) {
      end(failure);
    } else {
      answered.complete(this);
      listener.onAnswered(this);
    }
  }

  private void acknowledge(long seq) {
    SipRequest ack = dialog.ack(seq);
    core.sendAck(ack, dialog.nextHop());
    lastAck = ack;
  }

  /** ACK and BYE for a 2xx we do not want (RFC 3261 §13.2.2.4). */
  private void refuseFork(SipResponse r) {
    try {
      Dialog other = Dialog.asUac(invite, r, core.hopFor(invite.requestUri()));
      core.sendAck(other.ack(r.cseq().number()), other.nextHop());
      SipRequest bye = other.newRequest(SipRequest.BYE);
      core.send(bye, other.nextHop(), other::nextSeq, (t, resp) -> {});
    } catch (SipParseException e) {
      log.debug("cannot end an unwanted 2xx: {}", e.getMessage());
    }
  }

  private void sendCancel() {
    if (inviteTx instanceof InviteClientTransaction ict) {
      SipRequest cancel = ict.createCancel();
      try {
        core.layer().sendRequest(cancel, ict.nextHop(), (t, resp) -> {});
      } catch (RuntimeException e) {
        log.debug("CANCEL not sent", e);
      }
      // A callee that never answers the CANCEL: give up after Timer B's span.
      core.timers()
          .schedule(
              core.layer().config().timerB(),
              () -> {
                if (state() == State.CALLING || state() == State.EARLY) {
                  end(CallEnd.of(CallEnd.Cause.LOCAL));
                }
              });
    }
  }

  // ---------------------------------------------------------------- callee

  /** A new INVITE; null when it was refused at once (bad SDP, too short a session interval). */
  static Call incoming(UaCore core, ServerTransaction tx) {
    SipRequest r = tx.request();
    SessionTimer.Interval si = SessionTimer.Interval.of(r);
    if (si != null && si.seconds() < SessionTimer.MIN_SE) {
      SipResponse tooSmall = tx.createResponse(422);
      tooSmall.setHeader("Min-SE", Integer.toString(SessionTimer.MIN_SE));
      tx.respond(tooSmall);
      return null;
    }
    SessionDescription offer = null;
    if (r.body().length > 0) {
      String type = r.contentType();
      if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(SDP)) {
        SipResponse unsupported = tx.createResponse(415);
        unsupported.setHeader(HeaderNames.ACCEPT, SDP);
        tx.respond(unsupported);
        return null;
      }
      try {
        offer = SdpParser.parse(r.body());
      } catch (SdpParseException e) {
        SipResponse bad = r.createResponse(400, "Bad SDP: " + e.getMessage());
        bad.setTo(bad.to().withTag(tx.localTag()));
        tx.respond(bad);
        return null;
      }
    }
    MediaLeg media;
    try {
      media = MediaLeg.open(core.media());
    } catch (IOException e) {
      log.warn("no RTP port for an incoming call", e);
      tx.respond(503);
      return null;
    }
    Call c = new Call(core, false, media, tx.context());
    c.listener = new CallListener() {};
    c.inviteServer = tx;
    c.dialog = Dialog.asUas(r, tx.localTag(), tx.source());
    c.state = State.INCOMING;
    try {
      if (offer != null) {
        c.answerToSend = media.answer(offer);
        c.remoteHold = OfferAnswer.isHold(offer, 0);
      }
    } catch (MediaLeg.NotAcceptable e) {
      tx.respond(tx.request().createResponse(488, e.getMessage()));
      media.close();
      return null;
    }
    return c;
  }

  /**
   * RFC 3261 §12.1.1: a response that makes a dialog carries the INVITE's Record-Route, so the
   * caller's route set (and its re-INVITEs and BYE) goes through the proxies that asked.
   */
  private void copyRecordRoutes(SipResponse r) {
    for (String rr : inviteServer.request().headers().all(HeaderNames.RECORD_ROUTE)) {
      r.addHeader(HeaderNames.RECORD_ROUTE, rr);
    }
  }

  /** Sends 180 Ringing. */
  public synchronized void ring() {
    if (state == State.INCOMING) {
      SipResponse ringing = inviteServer.createResponse(180);
      ringing.setHeader(HeaderNames.CONTACT, "<" + core.contactUri() + ">");
      copyRecordRoutes(ringing);
      inviteServer.respond(ringing);
    }
  }

  /**
   * Answers with 200 and our SDP; {@code listener} hears the rest of the call.
   *
   * @return false when the call is no longer waiting for an answer (cancelled meanwhile)
   */
  public boolean answer(CallListener listener) {
    synchronized (this) {
      if (state != State.INCOMING) {
        return false;
      }
      this.listener = listener == null ? new CallListener() {} : listener;
      SipResponse ok = inviteServer.createResponse(200);
      addContactAndCapabilities(ok);
      copyRecordRoutes(ok);
      SessionDescription sdp = answerToSend;
      if (sdp == null) {
        sdp = media.offer(); // the INVITE had no offer: ours goes in the 2xx, theirs in the ACK
        offerSent = sdp;
        answerInAck = true;
      }
      ok.setBody(sdp.toSdp().getBytes(StandardCharsets.UTF_8), SDP);
      SessionTimer.Interval si = SessionTimer.Interval.of(inviteServer.request());
      boolean uacRefreshes = supportsTimer(inviteServer.request());
      if (si != null) {
        ok.setHeader(
            HeaderNames.SESSION_EXPIRES,
            si.seconds() + ";refresher=" + (uacRefreshes ? "uac" : "uas"));
        if (uacRefreshes) {
          ok.setHeader(HeaderNames.REQUIRE, "timer");
        }
        startSessionTimer(si, !uacRefreshes);
      }
      sendAnswer(inviteServer, ok);
      state = State.CONFIRMED;
      core.bind(dialog.id(), this);
    }
    answered.complete(this);
    this.listener.onAnswered(this);
    return true;
  }

  private static boolean supportsTimer(SipRequest r) {
    return r.tokens(HeaderNames.SUPPORTED).stream().anyMatch(t -> t.equalsIgnoreCase("timer"))
        || r.tokens(HeaderNames.REQUIRE).stream().anyMatch(t -> t.equalsIgnoreCase("timer"));
  }

  /** Refuses the incoming call with {@code status} (486 busy, 480, 603 decline …). */
  public void reject(int status) {
    synchronized (this) {
      if (state != State.INCOMING) {
        return;
      }
      inviteServer.respond(status);
    }
    end(CallEnd.refused(status, null));
  }

  void onCancel() {
    synchronized (this) {
      if (state != State.INCOMING) {
        return;
      }
      inviteServer.respond(487);
    }
    end(CallEnd.of(CallEnd.Cause.CANCELLED));
  }

  /** Sends a 2xx and retransmits it until the ACK comes (T1 doubling up to T2, for 64·T1). */
  private void sendAnswer(ServerTransaction tx, SipResponse ok) {
    tx.respond(ok);
    stopRetransmitting();
    unackedTx = tx;
    unacked = ok;
    retransmitInterval = core.layer().config().t1();
    giveUpAtNanos = System.nanoTime() + core.layer().config().t1().multipliedBy(64).toNanos();
    retransmitTimer = core.timers().schedule(retransmitInterval, this::retransmitAnswer);
  }

  private void retransmitAnswer() {
    boolean noAck = false;
    synchronized (this) {
      if (unacked == null || state == State.ENDED) {
        return;
      }
      if (System.nanoTime() - giveUpAtNanos > 0) {
        unacked = null;
        noAck = true;
        sendBye();
      } else {
        unackedTx.respond(unacked);
        Duration next = retransmitInterval.multipliedBy(2);
        Duration t2 = core.layer().config().t2();
        retransmitInterval = next.compareTo(t2) > 0 ? t2 : next;
        retransmitTimer = core.timers().schedule(retransmitInterval, this::retransmitAnswer);
      }
    }
    if (noAck) {
      end(CallEnd.of(CallEnd.Cause.TIMEOUT));
    }
  }

  private void stopRetransmitting() {
    if (retransmitTimer != null) {
      retransmitTimer.cancel();
      retransmitTimer = null;
    }
    unacked = null;
  }

  void onAck(SipRequest ack) {
    synchronized (this) {
      if (unacked == null || ack.cseq().number() != unacked.cseq().number()) {
        return;
      }
      stopRetransmitting();
      if (answerInAck && ack.body().length > 0) {
        answerInAck = false;
        try {
          media.answered(offerSent, SdpParser.parse(ack.body()));
        } catch (SdpParseException | MediaLeg.NotAcceptable e) {
          log.info("the ACK's answer is unusable: {}", e.getMessage());
        }
      }
    }
  }

  // ---------------------------------------------------------------- within the dialog

  void onInDialogRequest(ServerTransaction tx) {
    SipRequest r = tx.request();
    if (!dialog.acceptRemoteSeq(r)) {
      tx.respond(r.createResponse(500, "CSeq out of order"));
      return;
    }
    switch (r.method()) {
      case SipRequest.BYE -> {
        tx.respond(200);
        end(CallEnd.of(CallEnd.Cause.REMOTE));
      }
      case SipRequest.INVITE -> reoffered(tx, true);
      case SipRequest.UPDATE -> reoffered(tx, false);
      case SipRequest.INFO -> info(tx);
      case SipRequest.REFER -> referred(tx);
      case SipRequest.NOTIFY -> notified(tx);
      case SipRequest.OPTIONS -> {
        SipResponse ok = tx.createResponse(200);
        ok.setHeader(HeaderNames.ALLOW, UaCore.ALLOW);
        tx.respond(ok);
      }
      default -> {
        SipResponse no = tx.createResponse(405);
        no.setHeader(HeaderNames.ALLOW, UaCore.ALLOW);
        tx.respond(no);
      }
    }
  }

  /** A re-INVITE or UPDATE: a new offer (hold, resume, new address) or a session refresh. */
  private void reoffered(ServerTransaction tx, boolean invite) {
    SipRequest r = tx.request();
    Boolean holdChange = null;
    synchronized (this) {
      if (state != State.CONFIRMED) {
        tx.respond(r.createResponse(invite ? 491 : 500, null));
        return;
      }
      if (reinvitePending || (invite && unacked != null)) {
        tx.respond(491); // glare (RFC 3261 §14.2): both sides re-offered
        return;
      }
      SipResponse ok = tx.createResponse(200);
      addContactAndCapabilities(ok);
      SessionDescription sdp = null;
      if (r.body().length > 0) {
        try {
          SessionDescription offer = SdpParser.parse(r.body());
          sdp = media.answer(offer);
          boolean hold = OfferAnswer.isHold(offer, 0);
          if (hold != remoteHold) {
            remoteHold = hold;
            holdChange = hold;
          }
        } catch (SdpParseException e) {
          tx.respond(r.createResponse(400, "Bad SDP: " + e.getMessage()));
          return;
        } catch (MediaLeg.NotAcceptable e) {
          tx.respond(r.createResponse(488, e.getMessage()));
          return;
        }
      } else if (invite) {
        sdp = media.current(); // an offerless re-INVITE: we offer again, the answer is in the ACK
        offerSent = sdp;
        answerInAck = true;
      }
      dialog.refreshTarget(r);
      if (sdp != null) {
        ok.setBody(sdp.toSdp().getBytes(StandardCharsets.UTF_8), SDP);
      }
      SessionTimer.Interval si = SessionTimer.Interval.of(r);
      if (si != null) {
        boolean uacRefreshes = !"uas".equals(si.refresher());
        ok.setHeader(
            HeaderNames.SESSION_EXPIRES,
            si.seconds() + ";refresher=" + (uacRefreshes ? "uac" : "uas"));
        startSessionTimer(si, !uacRefreshes);
      } else {
        sessionTimer.restart();
      }
      if (invite) {
        sendAnswer(tx, ok);
      } else {
        tx.respond(ok);
      }
    }
    if (holdChange != null) {
      listener.onRemoteHold(this, holdChange);
    }
  }

  private void info(ServerTransaction tx) {
    SipRequest r = tx.request();
    String type = r.contentType();
    if (r.body().length == 0) {
      tx.respond(200);
      return;
    }
    if (type == null || !DtmfInfoBody.understands(type)) {
      SipResponse no = tx.createResponse(415);
      no.setHeader(HeaderNames.ACCEPT, "application/dtmf-relay, application/dtmf");
      tx.respond(no);
      return;
    }
    DtmfDigit d;
    try {
      d = DtmfInfoBody.parse(type, new String(r.body(), StandardCharsets.UTF_8));
    } catch (MalformedMediaException e) {
      tx.respond(r.createResponse(400, e.getMessage()));
      return;
    }
    tx.respond(200);
    digit(d.digit());
  }

  private void digit(char d) {
    CallListener l = listener;
    if (l != null && state() == State.CONFIRMED) {
      l.onDigit(this, d);
    }
  }

  // ---------------------------------------------------------------- transfer

  /**
   * Blind transfer: asks the far end (REFER, RFC 3515) to call {@code target}. Completes with the
   * final status the far end reports for its new call (NOTIFY with a sipfrag), the REFER's own
   * refusal, or 408 after {@link #TRANSFER_TIMEOUT}.
   */
  public CompletableFuture<Integer> transfer(Uri target) {
    return refer(Address.of(target));
  }

  /**
   * Attended transfer: asks the far end to call the party of {@code consultation} with a Replaces
   * for that call's dialog (RFC 3891), so the new call takes its place. Completes as {@link
   * #transfer(Uri)}; hanging up both calls afterwards is the caller's choice.
   */
  public CompletableFuture<Integer> transfer(Call consultation) {
    Dialog d = consultation.dialog();
    if (d == null || consultation.state() != State.CONFIRMED) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("the consultation call is not answered"));
    }
    if (!(d.remoteUri().uri() instanceof SipUri party)) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("the consultation's party has no SIP URI"));
    }
    String replaces = "Replaces=" + Replaces.of(d).uriEscaped();
    return refer(Address.of(Uri.parse(party.withoutHeaders() + "?" + replaces)));
  }

  private CompletableFuture<Integer> refer(Address referTo) {
    CompletableFuture<Integer> outcome = new CompletableFuture<>();
    synchronized (this) {
      if (state != State.CONFIRMED) {
        return CompletableFuture.failedFuture(new IllegalStateException("the call is " + state));
      }
      if (transferOutcome != null && !transferOutcome.isDone()) {
        return CompletableFuture.failedFuture(new IllegalStateException("a transfer is under way"));
      }
      transferOutcome = outcome;
      SipRequest refer = dialog.newRequest(SipRequest.REFER);
      refer.setHeader(HeaderNames.CONTACT, "<" + core.contactUri() + ">");
      refer.setHeader(HeaderNames.REFER_TO, referTo.toString());
      refer.setHeader(HeaderNames.REFERRED_BY, "<" + dialog.localUri().uri() + ">");
      core.send(
          refer,
          dialog.nextHop(),
          dialog::nextSeq,
          (t, r) -> {
            if (r.status() >= 300) {
              outcome.complete(r.status()); // refused: no NOTIFY follows
            }
          });
    }
    core.timers().schedule(TRANSFER_TIMEOUT, () -> outcome.complete(408));
    return outcome;
  }

  /** A NOTIFY for the implicit subscription of our REFER: how the far end's new call goes. */
  private void notified(ServerTransaction tx) {
    SipRequest r = tx.request();
    String event = r.header(HeaderNames.EVENT);
    CompletableFuture<Integer> outcome;
    synchronized (this) {
      outcome = transferOutcome;
    }
    if (outcome == null
        || event == null
        || !event.strip().toLowerCase(Locale.ROOT).startsWith("refer")) {
      tx.respond(r.createResponse(481, "No such subscription"));
      return;
    }
    int status = sipfragStatus(r.body());
    if (status < 100) {
      tx.respond(r.createResponse(400, "Bad message/sipfrag"));
      return;
    }
    tx.respond(200);
    listener.onTransferProgress(this, status);
    if (status >= 200) {
      outcome.complete(status);
    }
  }

  /** The status code of a sipfrag's status line ({@code SIP/2.0 200 OK}), or -1. */
  static int sipfragStatus(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    String[] words = text.split("\\s+", 3);
    if (words.length < 2 || !words[0].equalsIgnoreCase("SIP/2.0")) {
      return -1;
    }
    try {
      int code = Integer.parseInt(words[1]);
      return code >= 100 && code <= 699 ? code : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * A REFER from the far end: the listener decides whether we follow it; if so we accept (202),
   * call the target (with its Replaces and the Referred-By) and report that call by NOTIFY.
   */
  private void referred(ServerTransaction tx) {
    SipRequest r = tx.request();
    String referTo = r.header(HeaderNames.REFER_TO);
    if (referTo == null) {
      tx.respond(r.createResponse(400, "Missing Refer-To"));
      return;
    }
    SipUri target;
    Map<String, String> headers = new LinkedHashMap<>();
    try {
      if (!(Address.parse(referTo).uri() instanceof SipUri u)) {
        tx.respond(r.createResponse(416, "Refer-To is not a SIP URI"));
        return;
      }
      target = u;
      if (u.headers() != null) {
        for (String h : u.headers().split("&")) {
          int eq = h.indexOf('=');
          String name = SipUri.unescape(h.substring(0, eq));
          if (name.equalsIgnoreCase("Replaces")) {
            headers.put(
                "Replaces", Replaces.parse(SipUri.unescape(h.substring(eq + 1))).headerValue());
          }
        }
      }
    } catch (SipParseException e) {
      tx.respond(r.createResponse(400, "Bad Refer-To: " + e.getMessage()));
      return;
    }
    CallListener follow;
    Address self;
    synchronized (this) {
      if (state != State.CONFIRMED) {
        tx.respond(r.createResponse(481, "Call not answered"));
        return;
      }
      self = dialog.localUri();
      String by = r.header(HeaderNames.REFERRED_BY);
      headers.put(HeaderNames.REFERRED_BY, by != null ? by : "<" + dialog.remoteUri().uri() + ">");
    }
    follow = listener.onReferred(this, target);
    if (follow == null) {
      tx.respond(r.createResponse(603, "Transfer declined"));
      return;
    }
    SipResponse accepted = tx.createResponse(202);
    accepted.setHeader(HeaderNames.CONTACT, "<" + core.contactUri() + ">");
    tx.respond(accepted);
    notifyReferrer(100, "Trying", false);
    try {
      core.call(self, Address.of(target.withoutHeaders()), new Referee(follow), headers);
    } catch (IOException e) {
      log.warn("cannot place the referred call", e);
      notifyReferrer(503, "Service Unavailable", true);
    }
  }

  /** Tells the transferor how the call it asked for goes (RFC 3515 §2.4.5). */
  private synchronized void notifyReferrer(int status, String reason, boolean last) {
    if (state != State.CONFIRMED) {
      return; // the transferor hung up already: nobody to tell
    }
    SipRequest n = dialog.newRequest(SipRequest.NOTIFY);
    n.setHeader(HeaderNames.CONTACT, "<" + core.contactUri() + ">");
    n.setHeader(HeaderNames.EVENT, "refer");
    n.setHeader("Subscription-State", last ? "terminated;reason=noresource" : "active;expires=120");
    n.setBody(
        ("SIP/2.0 " + status + " " + reason + "\r\n").getBytes(StandardCharsets.UTF_8), SIPFRAG);
    core.send(n, dialog.nextHop(), dialog::nextSeq, (t, resp) -> {});
  }

  /** Hears the referred call for the application and tells the transferor how it ends up. */
  private final class Referee extends ForwardingCallListener {
    Referee(CallListener app) {
      super(app);
    }

    @Override
    public void onRinging(Call call) {
      notifyReferrer(180, "Ringing", false);
      super.onRinging(call);
    }

    @Override
    public void onAnswered(Call call) {
      notifyReferrer(200, "OK", true);
      super.onAnswered(call);
    }

    @Override
    public void onEnded(Call call, CallEnd end) {
      if (call.answered().isCompletedExceptionally()) {
        int status = end.status() >= 300 ? end.status() : 487;
        notifyReferrer(status, end.reason() != null ? end.reason() : "Failed", true);
      }
      super.onEnded(call, end);
    }
  }

  // ---------------------------------------------------------------- what the application does

  /** Ends the call: BYE once answered, CANCEL while it rings, 603 for a call we have not taken. */
  public void hangup() {
    boolean over = false;
    synchronized (this) {
      switch (state) {
        case CALLING, EARLY -> {
          if (!cancelRequested) {
            cancelRequested = true;
            if (provisional) {
              sendCancel();
            }
          }
        }
        case INCOMING -> {
          inviteServer.respond(603);
          over = true;
        }
        case CONFIRMED -> {
          sendBye();
          over = true;
        }
        default -> {}
      }
    }
    if (over) {
      end(CallEnd.of(CallEnd.Cause.LOCAL));
    }
  }

  private void sendBye() {
    SipRequest bye = dialog.newRequest(SipRequest.BYE);
    core.send(bye, dialog.nextHop(), dialog::nextSeq, (t, r) -> {});
  }

  /** Puts the far end on hold (re-INVITE with sendonly) or takes it off; false when not now. */
  public synchronized boolean hold(boolean on) {
    if (state != State.CONFIRMED || reinvitePending) {
      return false;
    }
    sendReinvite(media.holdOffer(on));
    return true;
  }

  /** A session refresh (RFC 4028): the same description again. */
  private void refreshSession() {
    synchronized (this) {
      if (state != State.CONFIRMED) {
        return;
      }
      if (reinvitePending) {
        sessionTimer.restart();
        return;
      }
      sendReinvite(media.current());
    }
  }

  private void sessionExpired() {
    synchronized (this) {
      if (state != State.CONFIRMED) {
        return;
      }
      sendBye();
    }
    end(new CallEnd(CallEnd.Cause.TIMEOUT, 0, "session expired"));
  }

  private void startSessionTimer(SessionTimer.Interval si, boolean defaultWeRefresh) {
    if (si == null) {
      return;
    }
    boolean weRefresh =
        si.refresher() == null ? defaultWeRefresh : si.refresher().equals(outgoing ? "uac" : "uas");
    sessionTimer.start(si.seconds(), weRefresh);
  }

  private void sendReinvite(SessionDescription sdp) {
    reinvitePending = true;
    reoffer = sdp;
    SipRequest req = dialog.newRequest(SipRequest.INVITE);
    addContactAndCapabilities(req);
    if (sessionTimer.running()) {
      req.setHeader(
          HeaderNames.SESSION_EXPIRES,
          core.settings().sessionExpires().toSeconds() + ";refresher=uac");
    }
    req.setBody(sdp.toSdp().getBytes(StandardCharsets.UTF_8), SDP);
    core.send(req, dialog.nextHop(), dialog::nextSeq, this::onReinviteResponse);
  }

  private void onReinviteResponse(ClientTransaction tx, SipResponse r) {
    if (r.isProvisional()) {
      return;
    }
    boolean endIt = false;
    synchronized (this) {
      if (r.isSuccess()) {
        if (lastAck != null && lastAck.cseq().number() == r.cseq().number()) {
          core.layer().sendStateless(lastAck, dialog.nextHop());
          return;
        }
        acknowledge(r.cseq().number());
        if (!reinvitePending) {
          return;
        }
        reinvitePending = false;
        dialog.refreshTarget(r);
        if (r.body().length > 0) {
          try {
            media.answered(reoffer, SdpParser.parse(r.body()));
          } catch (SdpParseException | MediaLeg.NotAcceptable e) {
            log.info("re-INVITE answer unusable: {}", e.getMessage());
          }
        }
        SessionTimer.Interval si = SessionTimer.Interval.of(r);
        if (si != null) {
          startSessionTimer(si, true);
        } else {
          sessionTimer.restart();
        }
        return;
      }
      if (!reinvitePending) {
        return;
      }
      reinvitePending = false;
      if (r.status() == 491) {
        // §14.1: the owner of the Call-ID waits 2.1–4 s, the other 0–2 s, then tries again.
        SessionDescription again = reoffer;
        long wait =
            outgoing
                ? ThreadLocalRandom.current().nextLong(2100, 4000)
                : ThreadLocalRandom.current().nextLong(0, 2000);
        core.timers()
            .schedule(
                Duration.ofMillis(wait),
                () -> {
                  synchronized (Call.this) {
                    if (state == State.CONFIRMED && !reinvitePending) {
                      sendReinvite(again);
                    }
                  }
                });
      } else if (r.status() == 408 || r.status() == 481) {
        endIt = true; // RFC 4028 §10 and RFC 3261 §14.1: the dialog is gone
        if (r.status() == 408) {
          sendBye();
        }
      }
    }
    if (endIt) {
      end(new CallEnd(CallEnd.Cause.FAILED, r.status(), r.reason()));
    }
  }

  /**
   * Sends keys: as RFC 4733 events when telephone-event was agreed, else as SIP INFO
   * (application/dtmf-relay), one request per key.
   */
  public void sendDigits(String digits) {
    for (char c : digits.toCharArray()) {
      if (!DtmfDigit.isKey(c)) {
        throw new IllegalArgumentException("not a key: " + c);
      }
    }
    try {
      media.stream().sendDigits(digits);
    } catch (IllegalStateException noEvents) {
      for (char c : digits.toCharArray()) {
        sendInfo(c);
      }
    }
  }

  /** Sends one key by SIP INFO. */
  public synchronized void sendInfo(char key) {
    if (state != State.CONFIRMED) {
      return;
    }
    SipRequest info = dialog.newRequest(SipRequest.INFO);
    info.setBody(
        ("Signal=" + key + "\r\nDuration=160\r\n").getBytes(StandardCharsets.US_ASCII),
        "application/dtmf-relay");
    core.send(info, dialog.nextHop(), dialog::nextSeq, (t, r) -> {});
  }

  private void end(CallEnd e) {
    CallListener l;
    synchronized (this) {
      if (state == State.ENDED) {
        return;
      }
      state = State.ENDED;
      stopRetransmitting();
      sessionTimer.cancel();
      if (dialog != null) {
        core.unbind(dialog.id(), this);
      }
      l = listener;
    }
    media.close();
    answered.completeExceptionally(new NotAnswered(e));
    ended.complete(e);
    if (l != null) {
      l.onEnded(this, e);
    }
  }

  // ---------------------------------------------------------------- what the application reads

  public synchronized State state() {
    return state;
  }

  /** Whether we placed the call. */
  public boolean isOutgoing() {
    return outgoing;
  }

  /** The audio: patch a prompt into it, record from it, read its statistics. */
  public MediaLeg media() {
    return media;
  }

  /** Completes when the call is answered; fails with {@link NotAnswered} when it ends before. */
  public CompletableFuture<Call> answered() {
    return answered;
  }

  /** Completes when the call has ended. */
  public CompletableFuture<CallEnd> ended() {
    return ended;
  }

  /** The INVITE that started the call (ours, or the one we received). */
  public synchronized SipRequest request() {
    return outgoing ? invite : inviteServer.request();
  }

  /** What the server's admission learned about an incoming INVITE (its authenticated caller). */
  public Object context() {
    return context;
  }

  /** The other party: the From of an incoming call, the To of an outgoing one. */
  public synchronized Address remoteParty() {
    SipRequest r = request();
    return outgoing ? r.to() : r.from();
  }

  /** Whether the other side holds us right now. */
  public synchronized boolean remoteHold() {
    return remoteHold;
  }

  public synchronized Dialog dialog() {
    return dialog;
  }
}
