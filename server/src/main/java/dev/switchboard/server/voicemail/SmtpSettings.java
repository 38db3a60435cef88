package dev.switchboard.server.voicemail;

import java.util.Objects;

/**
 * Where voicemail e-mail goes out: the SMTP server (RFC 5321) relaying it, the sender address, how
 * the connection is protected and, when the server wants it, the login (AUTH PLAIN, RFC 4616).
 *
 * @param user null when the server relays without a login
 */
public record SmtpSettings(
    String host, int port, String from, Security security, String user, String password) {

  /** How the connection to the SMTP server is protected. */
  public enum Security {
    /** Plain text (a relay on the same host or network). */
    NONE,
    /** Plain text upgraded by STARTTLS (RFC 3207) before anything else is said; port 587. */
    STARTTLS,
    /** TLS from the first byte (RFC 8314); port 465. */
    IMPLICIT
  }

  public SmtpSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(security, "security");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("the SMTP port is 1-65535: " + port);
    }
    if (from.isBlank() || from.chars().anyMatch(c -> c == '\r' || c == '\n' || c == '<')) {
      throw new IllegalArgumentException("not a sender address: " + from);
    }
    if ((user == null) != (password == null)) {
      throw new IllegalArgumentException("an SMTP user and password go together");
    }
  }

  /** A relay without a login. */
  public static SmtpSettings relay(String host, int port, String from, Security security) {
    return new SmtpSettings(host, port, from, security, null, null);
  }

  @Override
  public String toString() {
    return "SmtpSettings[" + host + ":" + port + ", from " + from + ", " + security + "]";
  }
}
