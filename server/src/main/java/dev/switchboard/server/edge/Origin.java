package dev.switchboard.server.edge;

import dev.switchboard.server.directory.SubscriberDirectory;
import dev.switchboard.sip.message.SipParseException;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.sip.message.TelUri;
import dev.switchboard.sip.message.Uri;
import java.util.function.Predicate;

/**
 * Who a request claims to come from, decided once and the same way at the edge and in the proxy:
 * one of our subscribers (who must then prove it with digest) or someone outside. Every spelling of
 * one of our identities counts as ours: any case, a trailing dot, our own address as host, and a
 * {@code tel:} URI or {@code user=phone} number sent to one of our domains.
 */
public sealed interface Origin {

  /** Claims to be {@code user} of our tenant {@code domain}. */
  record Local(String domain, String user) implements Origin {}

  /** From another domain (or no usable From at all). */
  record Foreign(String domain) implements Origin {}

  /**
   * Classifies {@code request}'s From. {@code ourHost} tells whether a host is this server's own
   * address (not a tenant domain).
   */
  static Origin of(SipRequest request, SubscriberDirectory directory, Predicate<String> ourHost) {
    Uri from;
    try {
      from = request.from().uri();
    } catch (SipParseException e) {
      return new Foreign(null);
    }
    String target = targetDomain(request, directory);
    if (from instanceof TelUri tel) {
      // A bare number has no domain: it claims to be whoever owns it where the call goes.
      return target != null ? new Local(target, digits(tel.number())) : new Foreign(null);
    }
    if (!(from instanceof SipUri sip)) {
      return new Foreign(null);
    }
    String host = DomainName.normalize(sip.host());
    String user = sip.user() == null ? null : SipUri.unescape(sip.user());
    if ("phone".equalsIgnoreCase(sip.param("user")) && user != null) {
      user = digits(user);
    }
    if (directory.isLocalDomain(host)) {
      return new Local(host, user);
    }
    if (ourHost.test(host) && target != null) {
      return new Local(target, user);
    }
    return new Foreign(host);
  }

  /** The Request-URI's domain when it is one of ours, else null. */
  static String targetDomain(SipRequest request, SubscriberDirectory directory) {
    try {
      if (request.requestUri() instanceof SipUri ru) {
        String host = DomainName.normalize(ru.host());
        return directory.isLocalDomain(host) ? host : null;
      }
    } catch (SipParseException e) {
      return null;
    }
    return null;
  }

  /** A number without its visual separators (RFC 3966 §5.1.1). */
  static String digits(String number) {
    StringBuilder sb = new StringBuilder(number.length());
    for (int i = 0; i < number.length(); i++) {
      char c = number.charAt(i);
      if (c != '-' && c != '.' && c != '(' && c != ')') {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
