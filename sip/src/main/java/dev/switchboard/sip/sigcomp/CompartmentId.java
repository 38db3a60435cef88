package dev.switchboard.sip.sigcomp;

import java.util.Locale;

/**
 * Names a compartment: the remote application identifier of RFC 5049 §6.1 — the peer's SIP/SigComp
 * identifier URN ({@code sigcomp-id} or {@code +sip.instance}), or for legacy peers the host (and
 * port) it sends from.
 */
public record CompartmentId(String value) {

  public CompartmentId {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("empty compartment identifier");
    }
  }

  /**
   * The compartment of a SIP/SigComp identifier URN. The scheme and namespace compare without case
   * (RFC 2141), and so does a UUID (RFC 4122), so those parts are lower-cased.
   */
  public static CompartmentId ofUrn(String urn) {
    String u = urn.trim();
    if (u.startsWith("<") && u.endsWith(">")) {
      u = u.substring(1, u.length() - 1);
    }
    String lower = u.toLowerCase(Locale.ROOT);
    if (lower.startsWith("urn:uuid:")) {
      return new CompartmentId(lower);
    }
    if (lower.startsWith("urn:")) {
      int nss = u.indexOf(':', 4);
      if (nss > 0) {
        return new CompartmentId(lower.substring(0, nss) + u.substring(nss));
      }
    }
    return new CompartmentId(u);
  }

  /** The compartment of a legacy peer known only by host and port (RFC 5049 §6.1). */
  public static CompartmentId ofHost(String host, int port) {
    String h = host.toLowerCase(Locale.ROOT);
    return new CompartmentId(port > 0 ? h + ":" + port : h);
  }

  @Override
  public String toString() {
    return value;
  }
}
