package dev.switchboard.server.proxy;

import dev.switchboard.sip.transport.Endpoint;
import dev.switchboard.sip.transport.TransportKind;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed mark in our Record-Route URI ({@code ;dlg=…}) that proves a later request belongs to a
 * dialog this proxy set up, as Kamailio's {@code check_route_param} does: an HMAC over the dialog's
 * Call-ID and the caller's tag, which only a holder of the node secret can make. A request inside a
 * dialog comes from either end, so either of its tags may be the caller's.
 */
final class RouteToken {
  static final String PARAM = "dlg";
  private static final int BYTES = 12;

  private final ThreadLocal<Mac> mac;

  RouteToken(byte[] secret) {
    if (secret == null || secret.length < 16) {
      throw new IllegalArgumentException("route secret must have at least 16 bytes");
    }
    SecretKeySpec key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.mac = ThreadLocal.withInitial(() -> newMac(key));
    newMac(key);
  }

  private static Mac newMac(SecretKeySpec key) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(key);
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** The token for a dialog with {@code callId} started by the party tagged {@code callerTag}. */
  String of(String callId, String callerTag) {
    Mac m = mac.get();
    m.update(callId.getBytes(StandardCharsets.UTF_8));
    m.update((byte) 0);
    m.update((callerTag == null ? "" : callerTag).getBytes(StandardCharsets.UTF_8));
    byte[] full = m.doFinal();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(java.util.Arrays.copyOf(full, BYTES));
  }

  /**
   * The mark of a connection flow in our Record-Route URI ({@code ;flow=…}, after RFC 5626 §5.2):
   * the transport and peer address, keyed so nobody can steer a request into another's flow.
   */
  String flow(Endpoint e) {
    String plain =
        e.transport().name()
            + "~"
            + e.address().getAddress().getHostAddress()
            + "~"
            + e.address().getPort();
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString(plain.getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(java.util.Arrays.copyOf(mac(plain), BYTES));
  }

  /** The flow a {@link #flow} mark names, or null when it is malformed or not ours. */
  Endpoint flowOf(String mark) {
    if (mark == null) {
      return null;
    }
    int dot = mark.indexOf('.');
    try {
      String plain =
          new String(
              Base64.getUrlDecoder().decode(mark.substring(0, Math.max(0, dot))),
              StandardCharsets.UTF_8);
      byte[] given = Base64.getUrlDecoder().decode(mark.substring(dot + 1));
      if (dot < 0 || !MessageDigest.isEqual(given, java.util.Arrays.copyOf(mac(plain), BYTES))) {
        return null;
      }
      String[] parts = plain.split("~", 3);
      TransportKind kind = TransportKind.valueOf(parts[0]);
      InetAddress ip = InetAddress.getByName(parts[1]); // written by us: always a literal
      return new Endpoint(kind, new InetSocketAddress(ip, Integer.parseInt(parts[2])));
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException | UnknownHostException e) {
      return null;
    }
  }

  private byte[] mac(String plain) {
    Mac m = mac.get();
    m.update((byte) 1); // apart from the dialog tokens' input
    return m.doFinal(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether {@code token} was made for this Call-ID and either tag. */
  boolean valid(String token, String callId, String fromTag, String toTag) {
    if (token == null || callId == null) {
      return false;
    }
    byte[] given = token.getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(given, of(callId, fromTag).getBytes(StandardCharsets.US_ASCII))
        || MessageDigest.isEqual(given, of(callId, toTag).getBytes(StandardCharsets.US_ASCII));
  }
}
