package dev.switchboard.console.edge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Believes {@code X-Forwarded-Proto} and {@code X-Forwarded-For} only from a trusted proxy: then
 * the request's scheme is the one the browser used and its address the client's (the right-most
 * address no trusted proxy owns, since a client can prepend anything it likes). From anyone else
 * the headers change nothing.
 */
public final class ForwardedByTrustedProxy implements HttpConfiguration.Customizer {

  private final TrustedProxies proxies;

  public ForwardedByTrustedProxy(TrustedProxies proxies) {
    this.proxies = proxies;
  }

  @Override
  public Request customize(Request request, HttpFields.Mutable responseHeaders) {
    if (proxies.isEmpty()
        || !proxies.trusts(address(request.getConnectionMetaData().getRemoteSocketAddress()))) {
      return request;
    }
    String proto = last(request.getHeaders().getValuesList("X-Forwarded-Proto"));
    InetAddress client = client(request.getHeaders().getValuesList("X-Forwarded-For"));
    if (proto == null && client == null) {
      return request;
    }
    String scheme = proto == null ? null : proto.toLowerCase(Locale.ROOT);
    boolean secure = scheme == null ? request.isSecure() : scheme.equals("https");
    HttpURI uri =
        scheme != null && (scheme.equals("http") || scheme.equals("https"))
            ? HttpURI.build(request.getHttpURI()).scheme(scheme).asImmutable()
            : request.getHttpURI();
    ConnectionMetaData meta =
        client == null
            ? request.getConnectionMetaData()
            : new ConnectionMetaData.Wrapper(request.getConnectionMetaData()) {
              @Override
              public SocketAddress getRemoteSocketAddress() {
                return new InetSocketAddress(client, 0);
              }
            };
    return new Request.Wrapper(request) {
      @Override
      public HttpURI getHttpURI() {
        return uri;
      }

      @Override
      public boolean isSecure() {
        return secure;
      }

      @Override
      public ConnectionMetaData getConnectionMetaData() {
        return meta;
      }
    };
  }

  private InetAddress client(List<String> forwardedFor) {
    List<String> hops =
        forwardedFor.stream()
            .flatMap(v -> java.util.Arrays.stream(v.split(",")))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
    InetAddress leftmost = null;
    for (int i = hops.size() - 1; i >= 0; i--) {
      InetAddress a = literal(hops.get(i));
      if (a == null) {
        return null; // an unreadable hop: believe none of it
      }
      if (!proxies.trusts(a)) {
        return a;
      }
      leftmost = a;
    }
    return leftmost;
  }

  private static String last(List<String> values) {
    if (values.isEmpty()) {
      return null;
    }
    String[] parts = values.get(values.size() - 1).split(",");
    String v = parts[parts.length - 1].trim();
    return v.isEmpty() ? null : v;
  }

  private static InetAddress literal(String s) {
    String host = s.startsWith("[") && s.contains("]") ? s.substring(1, s.indexOf(']')) : s;
    if (!host.matches("[0-9A-Fa-f.:]+")) {
      return null;
    }
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static InetAddress address(SocketAddress a) {
    return a instanceof InetSocketAddress i ? i.getAddress() : null;
  }
}
