package dev.switchboard.sip.sdp;

/**
 * A {@code c=} line: the network address media is sent to.
 *
 * <p>{@code address} is the whole connection-address, so a multicast {@code 224.2.1.1/127/3} keeps
 * its TTL and count suffixes; {@link #host()} gives the bare address.
 */
public record Connection(String netType, String addrType, String address) {

  public Connection {
    Grammar.requireToken(netType, "c= network type");
    Grammar.requireToken(addrType, "c= address type");
    Grammar.requireNonWhitespace(address, "c= address");
  }

  /** An {@code IN IP4} or {@code IN IP6} connection, chosen by whether the address has a colon. */
  public static Connection of(String address) {
    return new Connection("IN", addrTypeOf(address), address);
  }

  static String addrTypeOf(String address) {
    return address != null && address.indexOf(':') >= 0 ? "IP6" : "IP4";
  }

  /** The address without any multicast {@code /ttl/count} suffix. */
  public String host() {
    int slash = address.indexOf('/');
    return slash < 0 ? address : address.substring(0, slash);
  }

  /**
   * Whether this is the unspecified address a pre-RFC 3264 peer (RFC 2543) uses to put a call on
   * hold: it asks not to be sent media.
   */
  public boolean isHoldAddress() {
    String host = host();
    return host.equals("0.0.0.0") || host.equals("::");
  }

  static Connection parse(String value) {
    String[] f = Grammar.fields(value, "c=");
    if (f.length != 3) {
      throw new IllegalArgumentException(
          "c= needs 3 fields (nettype addrtype address), found " + f.length);
    }
    return new Connection(f[0], f[1], f[2]);
  }

  String format() {
    return netType + ' ' + addrType + ' ' + address;
  }
}
