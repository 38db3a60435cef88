package dev.switchboard.sip.auth;

/** A Digest header that does not follow the grammar; the message says what is wrong. */
public final class DigestParseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DigestParseException(String message) {
    // No stack trace: hostile input is expected traffic, and building one per packet is costly.
    super(message, null, false, false);
  }
}
