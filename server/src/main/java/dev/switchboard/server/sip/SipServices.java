package dev.switchboard.server.sip;

import dev.switchboard.server.directory.SubscriberDirectory;
import dev.switchboard.server.location.LocationService;
import dev.switchboard.server.usage.UsageSink;
import dev.switchboard.sip.auth.DigestAuthenticator;
import java.util.Objects;

/**
 * What the SIP service runs on top of the stack: the directory of our domains and extensions, the
 * location service, the registrar, where usage events go, and the digest authenticator. Without a
 * directory and location service there is no proxy, and requests other than OPTIONS get 501.
 *
 * @param authenticator shared with the registrar so one secret signs every nonce; null makes one
 *     with a random secret
 */
public record SipServices(
    SubscriberDirectory directory,
    LocationService location,
    RegisterHandler registrar,
    UsageSink usage,
    DigestAuthenticator authenticator) {

  public static final SipServices NONE =
      new SipServices(null, null, RegisterHandler.NONE, UsageSink.NONE, null);

  public SipServices {
    Objects.requireNonNull(registrar);
    Objects.requireNonNull(usage);
  }

  /** Proxy on, with no registrar yet. */
  public static SipServices proxy(
      SubscriberDirectory directory, LocationService location, UsageSink usage) {
    return new SipServices(directory, location, RegisterHandler.NONE, usage, null);
  }

  public SipServices withRegistrar(RegisterHandler handler) {
    return new SipServices(directory, location, handler, usage, authenticator);
  }

  public SipServices withAuthenticator(DigestAuthenticator digest) {
    return new SipServices(directory, location, registrar, usage, digest);
  }

  boolean proxies() {
    return directory != null && location != null;
  }
}
