package dev.switchboard.store.directory;

/** An account as the SIP directory loads it: its HA1 values (realm = domain) and enabled flag. */
public record SubscriberEntry(
    String domain, String user, String ha1Md5, String ha1Sha256, boolean enabled) {

  @Override
  public String toString() {
    return "SubscriberEntry[" + user + "@" + domain + ", enabled=" + enabled + "]";
  }
}
