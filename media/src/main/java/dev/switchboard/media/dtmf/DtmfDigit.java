package dev.switchboard.media.dtmf;

import java.time.Duration;

/**
 * One DTMF key press: the key (0-9, *, #, A-D) and how long it was held, however it arrived (RFC
 * 4733 event, SIP INFO, or detected in audio).
 */
public record DtmfDigit(char digit, Duration duration) {

  private static final String KEYS = "0123456789*#ABCD";

  /** Checks the key is a DTMF key. */
  public DtmfDigit {
    if (KEYS.indexOf(digit) < 0) {
      throw new IllegalArgumentException("not a DTMF key: '" + digit + "'");
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException("DTMF duration is negative: " + duration);
    }
  }

  /** Whether {@code c} is one of the 16 DTMF keys (upper case letters). */
  public static boolean isKey(char c) {
    return KEYS.indexOf(c) >= 0;
  }

  /** The RFC 4733 event code of a key (0-9, * = 10, # = 11, A-D = 12-15). */
  public static int eventCode(char digit) {
    int code = KEYS.indexOf(Character.toUpperCase(digit));
    if (code < 0) {
      throw new IllegalArgumentException("not a DTMF key: '" + digit + "'");
    }
    return code;
  }

  /** The key of an RFC 4733 event code 0-15, or 0 for any other event. */
  public static char keyOf(int eventCode) {
    return eventCode >= 0 && eventCode < KEYS.length() ? KEYS.charAt(eventCode) : 0;
  }

  /** This digit's RFC 4733 event code. */
  public int eventCode() {
    return eventCode(digit);
  }
}
