package dev.switchboard.server.sip;

import dev.switchboard.server.directory.SubscriberDirectory;
import dev.switchboard.server.edge.DigestGate;
import dev.switchboard.server.location.LocationService;
import dev.switchboard.server.usage.UsageSink;
import java.util.Objects;

/**
 * What the SIP service runs on top of the stack: the directory of our domains and extensions, the
 * location service, the registrar, where usage events go, and the digest authenticator. Without a
 * directory and location service there is no proxy, and requests other than OPTIONS get 501.
 *
 * @param gate digest authentication shared with the registrar, so one secret signs every nonce and
 *     one record counts every failure; null makes one with a random secret
 * @param routeSecret the key of the dialog tokens in our Record-Route (at least 16 bytes; the same
 *     across restarts, or dialogs set up before a restart cannot be ended through us); null draws a
 *     random one
 * @param features the PBX, presence and message services running inside the stack
 */
public record SipServices(
    SubscriberDirectory directory,
    LocationService location,
    RegisterHandler registrar,
    UsageSink usage,
    DigestGate gate,
    byte[] routeSecret,
    StackFeatures features) {

  public static final SipServices NONE =
      new SipServices(
          null, null, RegisterHandler.NONE, UsageSink.NONE, null, null, StackFeatures.NONE);

  public SipServices {
    Objects.requireNonNull(registrar);
    Objects.requireNonNull(usage);
    features = features == null ? StackFeatures.NONE : features;
  }

  /** Proxy on, with no registrar yet. */
  public static SipServices proxy(
      SubscriberDirectory directory, LocationService location, UsageSink usage) {
    return new SipServices(
        directory, location, RegisterHandler.NONE, usage, null, null, StackFeatures.NONE);
  }

  public SipServices withRegistrar(RegisterHandler handler) {
    return new SipServices(directory, location, handler, usage, gate, routeSecret, features);
  }

  public SipServices withGate(DigestGate digestGate) {
    return new SipServices(
        directory, location, registrar, usage, digestGate, routeSecret, features);
  }

  public SipServices withRouteSecret(byte[] secret) {
    return new SipServices(directory, location, registrar, usage, gate, secret, features);
  }

  public SipServices withFeatures(StackFeatures stackFeatures) {
    return new SipServices(directory, location, registrar, usage, gate, routeSecret, stackFeatures);
  }

  boolean proxies() {
    return directory != null && location != null;
  }
}
