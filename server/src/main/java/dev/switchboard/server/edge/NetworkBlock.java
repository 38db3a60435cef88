package dev.switchboard.server.edge;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A range of IP addresses in CIDR form ({@code 10.0.0.0/8}, {@code ::1}, {@code 2001:db8::/32}).
 */
public record NetworkBlock(byte[] prefix, int bits) {

  /** Parses {@code text}; a bare address is a block of one. */
  public static NetworkBlock parse(String text) {
    String t = text.strip();
    int slash = t.indexOf('/');
    String host = slash < 0 ? t : t.substring(0, slash);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty()
        || !host.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException("not an IP network: " + text);
    }
    byte[] address;
    try {
      address = InetAddress.getByName(host).getAddress(); // a literal: nothing is looked up
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP network: " + text, e);
    }
    int max = address.length * 8;
    int bits;
    try {
      bits = slash < 0 ? max : Integer.parseInt(t.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad prefix length in " + text, e);
    }
    if (bits < 0 || bits > max) {
      throw new IllegalArgumentException("bad prefix length in " + text);
    }
    return new NetworkBlock(address, bits);
  }

  public boolean contains(InetAddress a) {
    byte[] b = a.getAddress();
    if (b.length != prefix.length) {
      return false;
    }
    int full = bits / 8;
    for (int i = 0; i < full; i++) {
      if (b[i] != prefix[i]) {
        return false;
      }
    }
    int rest = bits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (b[full] & mask) == (prefix[full] & mask);
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(prefix).getHostAddress() + "/" + bits;
    } catch (UnknownHostException e) {
      return "?/" + bits;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NetworkBlock n
        && n.bits == bits
        && java.util.Arrays.equals(n.prefix, prefix);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(prefix) * 31 + bits;
  }
}
