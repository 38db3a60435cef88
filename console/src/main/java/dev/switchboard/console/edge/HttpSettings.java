package dev.switchboard.console.edge;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * How the server is reached from outside: the public URL browsers use (an https one makes the
 * session cookie {@code Secure} whatever the hop to us was) and the proxies whose {@code
 * X-Forwarded-Proto} / {@code X-Forwarded-For} are believed.
 *
 * @param publicUrl the URL users open, or null when they reach this server directly
 * @param trustedProxies addresses or CIDR blocks of TLS-terminating proxies in front of us
 */
public record HttpSettings(URI publicUrl, TrustedProxies trustedProxies) {

  public static final HttpSettings DIRECT = new HttpSettings(null, TrustedProxies.NONE);

  public HttpSettings {
    if (publicUrl != null) {
      String scheme =
          publicUrl.getScheme() == null ? "" : publicUrl.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || publicUrl.getHost() == null) {
        throw new IllegalArgumentException(
            "the public URL must be an http:// or https:// URL with a host, not " + publicUrl);
      }
    }
    trustedProxies = trustedProxies == null ? TrustedProxies.NONE : trustedProxies;
  }

  /** Settings from the command line's strings; null or blank means not given. */
  public static HttpSettings parse(String publicUrl, List<String> trustedProxies) {
    URI url;
    try {
      url = publicUrl == null || publicUrl.isBlank() ? null : new URI(publicUrl.trim());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("the public URL is not a URL: " + publicUrl, e);
    }
    return new HttpSettings(url, TrustedProxies.parse(trustedProxies));
  }

  /** True when every browser reaches us over https, so cookies may always be {@code Secure}. */
  public boolean publicHttps() {
    return publicUrl != null && "https".equalsIgnoreCase(publicUrl.getScheme());
  }
}
