package dev.switchboard.console.edge;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** The proxies allowed to tell us the client's scheme and address: literal IPs or CIDR blocks. */
public final class TrustedProxies {

  public static final TrustedProxies NONE = new TrustedProxies(List.of());

  /** One address block: the first {@code bits} bits of {@code network}. */
  private record Block(byte[] network, int bits) {
    boolean contains(InetAddress a) {
      byte[] b = a.getAddress();
      if (b.length != network.length) {
        return false;
      }
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >>> (i % 8);
        if ((b[i / 8] & mask) != (network[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  private final List<Block> blocks;

  private TrustedProxies(List<Block> blocks) {
    this.blocks = List.copyOf(blocks);
  }

  /** Parses {@code 10.0.0.5}, {@code 10.0.0.0/8}, {@code ::1}; a host name is refused. */
  public static TrustedProxies parse(List<String> specs) {
    if (specs == null || specs.isEmpty()) {
      return NONE;
    }
    List<Block> out = new ArrayList<>();
    for (String spec : specs) {
      String s = spec.trim();
      int slash = s.indexOf('/');
      String host = slash < 0 ? s : s.substring(0, slash);
      if (host.isEmpty() || !host.matches("[0-9A-Fa-f.:]+")) {
        throw new IllegalArgumentException(
            "a trusted proxy is an IP address or CIDR block (10.0.0.0/8), not " + spec);
      }
      byte[] network;
      try {
        network = InetAddress.getByName(host).getAddress();
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("not an IP address: " + spec, e);
      }
      int bits = network.length * 8;
      if (slash >= 0) {
        try {
          bits = Integer.parseInt(s.substring(slash + 1));
        } catch (NumberFormatException e) {
          bits = -1;
        }
        if (bits < 0 || bits > network.length * 8) {
          throw new IllegalArgumentException("bad prefix length in " + spec);
        }
      }
      out.add(new Block(network, bits));
    }
    return new TrustedProxies(out);
  }

  public boolean isEmpty() {
    return blocks.isEmpty();
  }

  public boolean trusts(InetAddress address) {
    return address != null && blocks.stream().anyMatch(b -> b.contains(address));
  }
}
