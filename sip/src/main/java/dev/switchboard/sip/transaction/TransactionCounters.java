package dev.switchboard.sip.transaction;

import java.util.concurrent.atomic.LongAdder;

/** Running totals of what the transaction layer did, for metrics. */
public final class TransactionCounters {
  private final LongAdder created = new LongAdder();
  private final LongAdder terminated = new LongAdder();
  private final LongAdder retransmissions = new LongAdder();
  private final LongAdder timeouts = new LongAdder();
  private final LongAdder transportErrors = new LongAdder();
  private final LongAdder strayResponses = new LongAdder();
  private final LongAdder statelessAnswers = new LongAdder();
  private final LongAdder dropped = new LongAdder();

  /** Client and server transactions created. */
  public long created() {
    return created.sum();
  }

  public long terminated() {
    return terminated.sum();
  }

  /** Requests, responses and ACKs sent again, by timer or in answer to a retransmission. */
  public long retransmissions() {
    return retransmissions.sum();
  }

  /** Timer B, F and H expiries. */
  public long timeouts() {
    return timeouts.sum();
  }

  public long transportErrors() {
    return transportErrors.sum();
  }

  /** Responses that matched no client transaction. */
  public long strayResponses() {
    return strayResponses.sum();
  }

  /** New requests answered without a transaction (challenges, refusals: never retransmitted). */
  public long statelessAnswers() {
    return statelessAnswers.sum();
  }

  /** New requests the TU's admission dropped unanswered. */
  public long dropped() {
    return dropped.sum();
  }

  void countStatelessAnswer() {
    statelessAnswers.increment();
  }

  void countDropped() {
    dropped.increment();
  }

  void countCreated() {
    created.increment();
  }

  void countTerminated() {
    terminated.increment();
  }

  void countRetransmission() {
    retransmissions.increment();
  }

  void countTimeout() {
    timeouts.increment();
  }

  void countTransportError() {
    transportErrors.increment();
  }

  void countStrayResponse() {
    strayResponses.increment();
  }
}
