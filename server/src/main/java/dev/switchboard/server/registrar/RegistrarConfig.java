package dev.switchboard.server.registrar;

/**
 * Registrar policy: expiry when the UA names none, the shortest accepted (else 423), the longest
 * granted (longer requests are shortened), and the most contacts one AOR may hold.
 */
public record RegistrarConfig(
    long defaultExpires, long minExpires, long maxExpires, int maxContacts) {

  public static final RegistrarConfig DEFAULT = new RegistrarConfig(3600, 60, 7200, 10);

  public RegistrarConfig {
    if (minExpires < 1 || minExpires > maxExpires || defaultExpires < minExpires) {
      throw new IllegalArgumentException("need 1 <= minExpires <= defaultExpires, maxExpires");
    }
    if (maxContacts < 1) {
      throw new IllegalArgumentException("maxContacts must be positive");
    }
  }
}
