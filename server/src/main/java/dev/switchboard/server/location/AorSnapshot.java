package dev.switchboard.server.location;

import java.util.List;

/** The complete binding set of one address of record at one moment, as persistence writes it. */
public record AorSnapshot(String aor, List<Binding> bindings) {
  public AorSnapshot {
    bindings = List.copyOf(bindings);
  }

  /** The host part of {@code sip:user@host}: the tenant's domain. */
  public static String domainOf(String aor) {
    int at = aor.lastIndexOf('@');
    return at < 0 ? aor.substring(aor.indexOf(':') + 1) : aor.substring(at + 1);
  }
}
