package dev.switchboard.server.sip;

import dev.switchboard.sip.transaction.ServerTransaction;

/**
 * Services this server answers itself as a user agent (the presence and event server, the message
 * store), asked before the proxy: they take the requests that are theirs, such as a SUBSCRIBE to a
 * user of ours or a refresh inside a subscription dialog they created.
 */
@FunctionalInterface
public interface LocalServices {

  LocalServices NONE = tx -> false;

  /** Takes {@code tx} and answers it (now or later) when it is ours; false leaves it alone. */
  boolean offer(ServerTransaction tx);
}
