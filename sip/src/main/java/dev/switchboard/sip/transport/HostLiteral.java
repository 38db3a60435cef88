package dev.switchboard.sip.transport;

import io.netty.util.NetUtil;
import java.net.InetAddress;

/** IP literals as SIP writes them: IPv6 in brackets in sent-by, bare in {@code received}. */
final class HostLiteral {
  private HostLiteral() {}

  /** The address a host names if it is an IP literal (brackets allowed), else null; no DNS. */
  static InetAddress parse(String host) {
    if (host == null || host.isEmpty()) {
      return null;
    }
    return NetUtil.createInetAddressFromIpAddressString(unbracket(host));
  }

  static String unbracket(String host) {
    return host.length() > 1 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']'
        ? host.substring(1, host.length() - 1)
        : host;
  }

  /** Compressed text without brackets or scope (RFC 5952), as {@code received} carries it. */
  static String text(InetAddress address) {
    return NetUtil.toAddressString(address);
  }
}
