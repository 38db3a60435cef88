package dev.switchboard.sip.transaction;

import dev.switchboard.sip.message.SipMessage;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.transport.Endpoint;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RFC 3261 §17 transaction: a request, the responses to it, and the timers that retransmit and
 * expire them.
 */
public abstract sealed class Transaction permits ClientTransaction, ServerTransaction {
  private static final Logger log = LoggerFactory.getLogger(Transaction.class);

  final TransactionLayer layer;
  final TimerConfig config;
  private final TransactionKey key;
  // Replaced by its skeleton once the TU lets go of it (see slim()).
  private volatile SipRequest request;
  private boolean slim;
  private final Endpoint peer;
  private final boolean reliable;
  private final TaskQueue queue = new TaskQueue();
  // Touched only by tasks on the queue, so one thread at a time.
  private final EnumMap<TimerName, Armed> timers = new EnumMap<>(TimerName.class);
  private final List<Runnable> terminatedHooks = new CopyOnWriteArrayList<>();
  private volatile TransactionState state;

  /** A timer the transaction started; a firing whose Armed is no longer current is stale. */
  private static final class Armed {
    final TimerName name;
    TimerService.Scheduled handle;

    Armed(TimerName name) {
      this.name = name;
    }
  }

  Transaction(
      TransactionLayer layer,
      TransactionKey key,
      SipRequest request,
      Endpoint peer,
      TransactionState initial) {
    this.layer = layer;
    this.config = layer.config();
    this.key = key;
    this.request = request;
    this.peer = peer;
    this.reliable = peer.transport().reliable();
    this.state = initial;
  }

  public TransactionKey key() {
    return key;
  }

  /** The request that created the transaction. */
  public SipRequest request() {
    return request;
  }

  public TransactionState state() {
    return state;
  }

  public boolean isTerminated() {
    return state == TransactionState.TERMINATED;
  }

  /**
   * The TU will read no more of this transaction than who it is: the request (and the kept
   * response) shrink to their {@linkplain SipMessage#skeleton skeletons}. A proxy calls it when its
   * response context is done, so a call's messages do not live on for Timer L's and M's 32 s.
   * Queued behind the transaction's pending events.
   */
  public final void slim() {
    execute(
        () -> {
          if (!slim) {
            slim = true;
            onSlim();
          }
        });
  }

  /** Shrinks what is kept; runs once, on the queue. */
  void onSlim() {
    request = request.skeleton();
  }

  /** Whether the transport retransmits for us, which turns off timers A, E and G. */
  public boolean isReliable() {
    return reliable;
  }

  /** The other end: the next hop of a client transaction, the source of a server transaction. */
  Endpoint peer() {
    return peer;
  }

  /** Runs {@code hook} once the transaction is terminated, at once if it already is. */
  public void onTerminated(Runnable hook) {
    terminatedHooks.add(hook);
    if (isTerminated()) {
      runHooks();
    }
  }

  private void runHooks() {
    for (Runnable h : terminatedHooks) {
      // remove() is the claim, so a hook added while terminating runs exactly once.
      if (terminatedHooks.remove(h)) {
        callOut(h);
      }
    }
  }

  /** Queues an event for this transaction. */
  final void execute(Runnable event) {
    queue.execute(event);
  }

  final void setState(TransactionState next) {
    if (state == TransactionState.TERMINATED) {
      return;
    }
    state = next;
    if (next == TransactionState.TERMINATED) {
      for (Armed a : timers.values()) {
        a.handle.cancel();
      }
      timers.clear();
      layer.forget(this);
      // Queued, so the hooks run after the caller's own notifications to the TU.
      execute(this::runHooks);
    }
  }

  final void terminate() {
    setState(TransactionState.TERMINATED);
  }

  /** Starts (or restarts) a timer. */
  final void startTimer(TimerName name, Duration delay) {
    stopTimer(name);
    Armed a = new Armed(name);
    timers.put(name, a);
    a.handle = layer.timers().schedule(delay, () -> execute(() -> fire(a)));
  }

  /** Starts a wait timer, or terminates at once when the wait is zero (reliable transports). */
  final void startTimerOrTerminate(TimerName name, Duration delay) {
    if (delay.isZero()) {
      terminate();
    } else {
      startTimer(name, delay);
    }
  }

  final void stopTimer(TimerName name) {
    Armed a = timers.remove(name);
    if (a != null) {
      a.handle.cancel();
    }
  }

  private void fire(Armed a) {
    if (timers.get(a.name) != a) {
      return;
    }
    timers.remove(a.name);
    onTimer(a.name);
  }

  /** Where a message of this transaction goes: the peer, unless a subclass knows better. */
  Endpoint destinationOf(SipMessage message) {
    return peer;
  }

  /** Sends a message to the peer; a failure comes back as a transport error event. */
  final void send(SipMessage message) {
    CompletionStage<Void> stage;
    try {
      stage = layer.transport().send(message, destinationOf(message));
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    watch(stage);
  }

  /** Turns a failed send into a transport error event. */
  final void watch(CompletionStage<Void> stage) {
    stage.whenComplete(
        (ok, error) -> {
          if (error != null) {
            execute(
                () -> {
                  layer.counters().countTransportError();
                  onTransportError(unwrap(error));
                });
          }
        });
  }

  final void retransmit(SipMessage message) {
    layer.counters().countRetransmission();
    send(message);
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Calls into the TU; what it throws is logged, never allowed to break the state machine. */
  static void callOut(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("transaction user failed", e);
    }
  }

  abstract void onTimer(TimerName name);

  abstract void onTransportError(Throwable cause);

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + key + " " + state + "]";
  }
}
