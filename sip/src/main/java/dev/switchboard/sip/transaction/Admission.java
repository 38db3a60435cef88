package dev.switchboard.sip.transaction;

import dev.switchboard.sip.message.SipResponse;

/**
 * What the transaction user decides about a new request before any transaction exists for it: go on
 * (with what it learned, e.g. the authenticated caller), answer without keeping state (a challenge,
 * a refusal: no retransmissions, no memory spent on the sender), or drop it unanswered.
 */
public sealed interface Admission {

  /** Go on with no context. */
  Admission ACCEPT = new Accept(null);

  /** Silently ignored. */
  Admission DROP = new Drop();

  /**
   * Make the transaction and hand it to the TU; {@code context} travels with it ({@link
   * ServerTransaction#context()}).
   */
  record Accept(Object context) implements Admission {}

  /**
   * Send {@code response} once, to the request's source, and forget the request. A retransmission
   * is admitted afresh.
   */
  record Answer(SipResponse response) implements Admission {}

  /** Nothing is sent and nothing is kept. */
  record Drop() implements Admission {}
}
