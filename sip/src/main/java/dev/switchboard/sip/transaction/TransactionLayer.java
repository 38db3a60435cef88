package dev.switchboard.sip.transaction;

import dev.switchboard.sip.message.SipMessage;
import dev.switchboard.sip.message.SipParseException;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.message.Via;
import dev.switchboard.sip.transport.Endpoint;
import dev.switchboard.sip.transport.SipMessageHandler;
import dev.switchboard.sip.transport.SipTransport;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RFC 3261 §17 transaction layer: matches messages from the transport to transactions, makes
 * server transactions for new requests and client transactions for the TU's requests, and hands the
 * TU what belongs to no transaction.
 */
public final class TransactionLayer implements SipMessageHandler {
  private static final Logger log = LoggerFactory.getLogger(TransactionLayer.class);

  private final SipTransport transport;
  private final TimerService timers;
  private final TimerConfig config;
  private final ConcurrentHashMap<TransactionKey, Transaction> table = new ConcurrentHashMap<>();
  private final TransactionCounters counters = new TransactionCounters();
  private final CompletedEchoes echoes;
  private final String branchPrefix;
  private final AtomicLong branchCount = new AtomicLong();
  private volatile TransactionUser user;

  public TransactionLayer(SipTransport transport, TimerService timers, TimerConfig config) {
    this.transport = Objects.requireNonNull(transport);
    this.timers = Objects.requireNonNull(timers);
    this.config = Objects.requireNonNull(config);
    this.echoes = new CompletedEchoes(timers, config.timerJ(false));
    // Random per layer so branches stay unique across restarts and hosts, counted within one.
    this.branchPrefix =
        Via.MAGIC_COOKIE + Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36) + ".";
  }

  /** Binds the TU; messages that arrive before are dropped. */
  public void setUser(TransactionUser user) {
    this.user = Objects.requireNonNull(user);
  }

  TransactionUser user() {
    return user;
  }

  SipTransport transport() {
    return transport;
  }

  TimerService timers() {
    return timers;
  }

  public TimerConfig config() {
    return config;
  }

  CompletedEchoes echoes() {
    return echoes;
  }

  /** How many finished UDP transactions are still answering retransmissions from bytes. */
  public int echoing() {
    return echoes.size();
  }

  public TransactionCounters counters() {
    return counters;
  }

  /** How many transactions are live. */
  public int size() {
    return table.size();
  }

  /** The live transaction with that key, or null. */
  public Transaction find(TransactionKey key) {
    return table.get(key);
  }

  /** A new RFC 3261 branch (magic cookie first), unique across space and time. */
  public String newBranch() {
    return branchPrefix + Long.toString(branchCount.incrementAndGet(), 36);
  }

  /** A random To/From tag. */
  String newTag() {
    return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
  }

  /**
   * Sends a request in a new client transaction. The caller has pushed its Via with a {@link
   * #newBranch} branch. ACK is not a transaction: send it with {@link #sendStateless}. The
   * transaction retransmits this very object, so the caller must not change it afterwards.
   *
   * @throws IllegalArgumentException for ACK or a top Via without an RFC 3261 branch
   * @throws IllegalStateException when a transaction with that branch and method exists
   */
  public ClientTransaction sendRequest(
      SipRequest request, Endpoint nextHop, ClientTransactionListener listener) {
    Objects.requireNonNull(nextHop);
    Objects.requireNonNull(listener);
    if (request.isMethod(SipRequest.ACK)) {
      throw new IllegalArgumentException("ACK is sent without a transaction");
    }
    if (!request.topVia().hasRfc3261Branch()) {
      throw new IllegalArgumentException("top Via needs an RFC 3261 branch: " + request.topVia());
    }
    TransactionKey.Client key = TransactionKey.ofOutgoing(request);
    ClientTransaction tx =
        request.isMethod(SipRequest.INVITE)
            ? new InviteClientTransaction(this, key, request, nextHop, listener)
            : new NonInviteClientTransaction(this, key, request, nextHop, listener);
    if (table.putIfAbsent(key, tx) != null) {
      throw new IllegalStateException("a client transaction exists for " + key);
    }
    counters.countCreated();
    tx.execute(tx::start);
    return tx;
  }

  /** Sends a message outside any transaction: ACK for 2xx, a proxy's stray 2xx forwarding. */
  public CompletionStage<Void> sendStateless(SipMessage message, Endpoint to) {
    return transport.send(message, to);
  }

  @Override
  public void onMessage(SipMessage message, Endpoint source) {
    TransactionUser tu = user;
    if (tu == null) {
      log.debug("no transaction user yet, dropped a message from {}", source);
      return;
    }
    try {
      if (message instanceof SipResponse r) {
        onResponse(tu, r, source);
      } else if (message instanceof SipRequest q) {
        onRequest(tu, q, source);
      }
    } catch (SipParseException e) {
      // Matching needs Via, CSeq, From, To, Call-ID; a message without them fits nowhere.
      log.debug("dropped a message from {} that cannot be matched: {}", source, e.getMessage());
    }
  }

  private void onResponse(TransactionUser tu, SipResponse r, Endpoint source) {
    TransactionKey.Client key = TransactionKey.ofResponse(r);
    Transaction tx = key == null ? null : table.get(key);
    if (tx instanceof ClientTransaction ct) {
      ct.receive(r);
    } else {
      counters.countStrayResponse();
      Transaction.callOut(() -> tu.onStrayResponse(r, source));
    }
  }

  private void onRequest(TransactionUser tu, SipRequest r, Endpoint source) {
    if (r.isMethod(SipRequest.ACK)) {
      InviteServerTransaction st = ackTarget(r);
      if (st != null) {
        st.receiveAck(r, source);
      } else {
        Transaction.callOut(() -> tu.onAck(r, source));
      }
      return;
    }
    TransactionKey key = TransactionKey.ofIncoming(r);
    if (table.get(key) instanceof ServerTransaction existing) {
      existing.receive(r);
      return;
    }
    CompletedEchoes.Echo echo = echoes.find(key);
    if (echo != null) {
      counters.countRetransmission();
      transport.sendEncoded(echo.wire(), echo.to());
      return;
    }
    Admission admission = admit(tu, r, source);
    if (!(admission instanceof Admission.Accept accept)) {
      if (admission instanceof Admission.Answer answer) {
        counters.countStatelessAnswer();
        transport.send(answer.response(), statelessDestination(answer.response(), source));
      } else {
        counters.countDropped();
      }
      return;
    }
    ServerTransaction st =
        r.isMethod(SipRequest.INVITE)
            ? new InviteServerTransaction(this, key, r, source)
            : new NonInviteServerTransaction(this, key, r, source);
    st.setContext(accept.context());
    Transaction prior = table.putIfAbsent(key, st);
    if (prior != null) {
      // Lost a race with a retransmission on another thread.
      if (prior instanceof ServerTransaction winner) {
        winner.receive(r);
      }
      return;
    }
    counters.countCreated();
    st.begin();
  }

  private static Admission admit(TransactionUser tu, SipRequest r, Endpoint source) {
    try {
      Admission a = tu.admit(r, source);
      return a == null ? Admission.ACCEPT : a;
    } catch (RuntimeException e) {
      log.warn("admission of a {} from {} failed", r.method(), source, e);
      return Admission.DROP;
    }
  }

  /**
   * Where a stateless answer goes: back to the source address itself (on UDP the received/rport
   * pair), never to a maddr or sent-by host the request names, so a forged request cannot aim our
   * answer at a third party.
   */
  private static Endpoint statelessDestination(SipResponse response, Endpoint source) {
    return source;
  }

  /**
   * The INVITE server transaction an ACK belongs to (§17.2.3). With an RFC 2543 branch the INVITE
   * may have had no To tag, and the ACK's must match the tag of the response sent.
   */
  private InviteServerTransaction ackTarget(SipRequest ack) {
    TransactionKey key = TransactionKey.ofIncoming(ack);
    Transaction tx = table.get(key);
    if (tx == null && key instanceof TransactionKey.Rfc2543 legacy && legacy.toTag() != null) {
      tx = table.get(legacy.withToTag(null));
    }
    if (!(tx instanceof InviteServerTransaction st)) {
      return null;
    }
    if (key instanceof TransactionKey.Rfc2543) {
      SipResponse last = st.lastResponse();
      if (last == null || !Objects.equals(last.to().tag(), ack.to().tag())) {
        return null;
      }
    }
    return st;
  }

  /** The INVITE server transaction a CANCEL targets, or null. */
  InviteServerTransaction cancelTarget(SipRequest cancel) {
    return table.get(TransactionKey.cancelTarget(cancel)) instanceof InviteServerTransaction st
        ? st
        : null;
  }

  /** Hands a new server transaction to the TU; runs on that transaction's queue. */
  void deliverNew(ServerTransaction st) {
    TransactionUser tu = user;
    SipRequest r = st.request();
    if (!r.isMethod(SipRequest.CANCEL)) {
      Transaction.callOut(() -> tu.onRequest(st));
      return;
    }
    InviteServerTransaction target = cancelTarget(r);
    if (target == null) {
      Transaction.callOut(() -> tu.onUnmatchedCancel(st));
      return;
    }
    SipResponse ok = r.createResponse(200, null);
    if (ok.to().tag() == null) {
      // §9.2: the CANCEL's 200 should carry the To tag of the INVITE's responses.
      SipResponse last = target.lastResponse();
      String tag = last != null && last.to().tag() != null ? last.to().tag() : target.localTag();
      ok.setTo(ok.to().withTag(tag));
    }
    st.respond(ok);
    // Queued behind the 200, so the caller hears it before the 487 the cancelled branches bring.
    st.execute(() -> Transaction.callOut(() -> tu.onCancel(target, r)));
  }

  /** Drops a terminated transaction from the table. */
  void forget(Transaction tx) {
    if (table.remove(tx.key(), tx)) {
      counters.countTerminated();
    }
  }
}
