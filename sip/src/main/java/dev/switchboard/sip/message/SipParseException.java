package dev.switchboard.sip.message;

/**
 * A message, header or URI that does not follow the RFC 3261 grammar; the message says what is
 * wrong in words fit for a 400 reason phrase.
 */
public final class SipParseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String header;

  public SipParseException(String reason) {
    this(reason, null);
  }

  public SipParseException(String reason, String header) {
    // No stack trace: bad input is expected traffic, and building one per datagram is costly.
    super(reason, null, false, false);
    this.header = header;
  }

  /** The canonical name of the header that failed, or null when the fault is elsewhere. */
  public String header() {
    return header;
  }

  /** A short reason phrase for a 400 response: printable ASCII, at most 100 characters. */
  public String reasonPhrase() {
    String text = header == null ? getMessage() : "Bad " + header + ": " + getMessage();
    StringBuilder sb = new StringBuilder(Math.min(text.length(), 100));
    for (int i = 0; i < text.length() && sb.length() < 100; i++) {
      char c = text.charAt(i);
      sb.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return sb.toString();
  }

  /** Wraps a fault found inside a header's value, naming the header. */
  SipParseException in(String headerName) {
    return header != null ? this : new SipParseException(getMessage(), headerName);
  }
}
