package dev.switchboard.server.directory;

/**
 * An extension as the SIP side needs it: its HA1 credentials (realm = its domain) and whether it
 * may register and call (account enabled and tenant not suspended or cancelled).
 */
public record Subscriber(
    String domain, String user, String ha1Md5, String ha1Sha256, boolean admitted) {

  @Override
  public String toString() {
    return "Subscriber[" + user + "@" + domain + ", admitted=" + admitted + "]";
  }
}
