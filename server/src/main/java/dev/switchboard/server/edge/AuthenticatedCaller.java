package dev.switchboard.server.edge;

import dev.switchboard.server.directory.Subscriber;
import dev.switchboard.sip.auth.DigestAlgorithm;

/**
 * A subscriber that proved who it is with digest credentials for its domain: what the edge hands
 * the registrar and proxy with the request, so they neither check nor count it twice.
 */
public record AuthenticatedCaller(Subscriber subscriber, DigestAlgorithm algorithm) {

  public String user() {
    return subscriber.user();
  }

  public String domain() {
    return subscriber.domain();
  }

  /** {@code user@domain}. */
  public String account() {
    return subscriber.user() + "@" + subscriber.domain();
  }
}
