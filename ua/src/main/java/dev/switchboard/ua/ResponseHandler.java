package dev.switchboard.ua;

import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.transaction.ClientTransaction;

/**
 * Receives the responses to a request the core sent, after digest challenges were answered: each
 * provisional, the final response (locally made 408/503 on timeout or transport error), and for
 * INVITE every further 2xx.
 */
@FunctionalInterface
interface ResponseHandler {
  void onResponse(ClientTransaction tx, SipResponse response);

  /** A retry with credentials went out in a new transaction (a CANCEL must target it). */
  default void onRetry(ClientTransaction tx) {}
}
