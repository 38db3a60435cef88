package dev.switchboard.server.edge;

import java.util.Locale;

/**
 * Host names as RFC 3261 §19.1.4 compares them: case-insensitively, and (as DNS does) with one
 * trailing dot meaning the same name, so {@code A.Test.} and {@code a.test} are one domain.
 */
public final class DomainName {
  private DomainName() {}

  /** The canonical form: lower case, no trailing dot; null stays null. */
  public static String normalize(String host) {
    if (host == null) {
      return null;
    }
    String h = host.toLowerCase(Locale.ROOT);
    return h.length() > 1 && h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }
}
