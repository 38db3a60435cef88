package dev.switchboard.server.proxy;

import dev.switchboard.sip.transaction.ServerTransaction;

/**
 * Takes an INVITE for one of our extensions that has no registered contact — voicemail answers it —
 * or declines it, and the proxy answers 480 as before.
 */
@FunctionalInterface
public interface UnreachableTarget {
  UnreachableTarget NONE = (tx, domain, user) -> false;

  /** Whether the call to {@code user@domain} is now ours to answer (or refuse) on {@code tx}. */
  boolean take(ServerTransaction tx, String domain, String user);
}
