package dev.switchboard.ua;

import dev.switchboard.sip.message.SipUri;
import dev.switchboard.sip.transport.Endpoint;
import dev.switchboard.sip.transport.TransportKind;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Turns a SIP URI into the address a request goes to, without DNS: IP literals only. */
final class Hops {
  private Hops() {}

  /** The endpoint of a URI whose host (or maddr) is an IP literal, else null. */
  static Endpoint of(SipUri u) {
    String host = u.maddr() != null ? u.maddr() : u.host();
    InetAddress ip = literal(host);
    if (ip == null) {
      return null;
    }
    TransportKind kind = TransportKind.fromName(u.transport());
    if (kind == null || kind != TransportKind.TCP) {
      kind = TransportKind.UDP;
    }
    return new Endpoint(kind, new InetSocketAddress(ip, u.port() < 0 ? 5060 : u.port()));
  }

  /** An IP literal as an address (never looked up), or null for a host name. */
  static InetAddress literal(String host) {
    if (host == null || host.isEmpty()) {
      return null;
    }
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    boolean v4 = h.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = h.contains(":") && h.matches("[0-9A-Fa-f:.%]+");
    if (!v4 && !v6) {
      return null;
    }
    try {
      return InetAddress.getByName(h);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
