package dev.switchboard.ua;

/**
 * How a call ended: why, and the SIP status that said so (0 when no final response was involved,
 * e.g. a BYE).
 */
public record CallEnd(Cause cause, int status, String reason) {

  /** Why a call ended. */
  public enum Cause {
    /** We hung up (BYE) or cancelled before an answer. */
    LOCAL,
    /** The other side hung up (BYE). */
    REMOTE,
    /** The call was refused with a final response ({@link #status}). */
    REFUSED,
    /** The caller cancelled before we answered. */
    CANCELLED,
    /** A session timer expired, or no ACK came for our 2xx (RFC 3261 §13.3.1.4). */
    TIMEOUT,
    /** Media could not be set up or the network failed. */
    FAILED
  }

  static CallEnd of(Cause cause) {
    return new CallEnd(cause, 0, null);
  }

  static CallEnd refused(int status, String reason) {
    return new CallEnd(Cause.REFUSED, status, reason);
  }
}
