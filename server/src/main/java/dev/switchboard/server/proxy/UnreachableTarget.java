package dev.switchboard.server.proxy;

import dev.switchboard.sip.transaction.ServerTransaction;

/**
 * Takes an INVITE for one of our extensions that has no registered contact, or that forwarding sent
 * to voicemail — voicemail answers it — or declines it, and the proxy answers 480 as before; and an
 * owner's call to their own mailbox.
 */
@FunctionalInterface
public interface UnreachableTarget {
  UnreachableTarget NONE = (tx, domain, user) -> false;

  /** Whether the call to {@code user@domain} is now ours to answer (or refuse) on {@code tx}. */
  boolean take(ServerTransaction tx, String domain, String user);

  /**
   * Whether the owner's call to their own mailbox ({@code owner@domain}, who proved it with digest
   * credentials) is now ours: voicemail answers it with the message menu.
   */
  default boolean retrieve(ServerTransaction tx, String domain, String owner) {
    return false;
  }

  /** Hands the call on {@code tx} to {@code box}: to leave a message, or its owner's menu. */
  default boolean take(ServerTransaction tx, CallPlan.Mailbox box) {
    return box.retrieval()
        ? retrieve(tx, box.domain(), box.user())
        : take(tx, box.domain(), box.user());
  }
}
