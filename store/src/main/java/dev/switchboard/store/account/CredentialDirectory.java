package dev.switchboard.store.account;

import java.util.Optional;

/** Read side for SIP digest authentication: the stored HA1 values of {@code user@domain}. */
public interface CredentialDirectory {

  /**
   * The credential of {@code user} at {@code domain} (domain in any case), if such an account
   * exists.
   */
  Optional<SipCredential> lookup(String domain, String user);
}
