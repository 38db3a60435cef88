package dev.switchboard.sip.sdp;

import java.math.BigInteger;
import java.util.List;

/** The lexical rules of RFC 8866 §9 that several value types share. */
final class Grammar {
  static final BigInteger MAX_UNSIGNED_64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private Grammar() {}

  /**
   * RFC 8866 token-char: visible ASCII except the separators {@code " ( ) , / : ; < = > ? @ [ \ ]
   * {}}.
   */
  static boolean isToken(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          c == 0x21
              || (c >= 0x23 && c <= 0x27)
              || c == 0x2A
              || c == 0x2B
              || c == 0x2D
              || c == 0x2E
              || (c >= 0x30 && c <= 0x39)
              || (c >= 0x41 && c <= 0x5A)
              || (c >= 0x5E && c <= 0x7E);
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** RFC 8866 non-ws-string: one or more visible characters (non-ASCII allowed), no space. */
  static boolean isNonWhitespace(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c == 0x7F) {
        return false;
      }
    }
    return true;
  }

  /** RFC 8866 byte-string minus the non-empty rule: anything but NUL, CR and LF. */
  static boolean isText(String s) {
    if (s == null) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0 || c == '\r' || c == '\n') {
        return false;
      }
    }
    return true;
  }

  static String requireToken(String s, String what) {
    if (!isToken(s)) {
      throw new IllegalArgumentException(what + " is not a token: " + quote(s));
    }
    return s;
  }

  static String requireNonWhitespace(String s, String what) {
    if (!isNonWhitespace(s)) {
      throw new IllegalArgumentException(what + " must be non-empty without spaces: " + quote(s));
    }
    return s;
  }

  static String requireText(String s, String what) {
    if (!isText(s)) {
      throw new IllegalArgumentException(what + " contains NUL, CR or LF or is missing");
    }
    return s;
  }

  static String requireNonEmptyText(String s, String what) {
    requireText(s, what);
    if (s.isEmpty()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    return s;
  }

  static <T> List<T> copy(List<T> list, String what) {
    if (list == null) {
      throw new IllegalArgumentException(what + " is missing");
    }
    for (T t : list) {
      if (t == null) {
        throw new IllegalArgumentException(what + " contains null");
      }
    }
    return List.copyOf(list);
  }

  static boolean isDigits(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * Parses ASCII decimal digits without NumberFormatException or overflow.
   *
   * @return the value, or -1 when {@code s} is not all digits or exceeds {@code max}
   */
  static long decimal(String s, long max) {
    if (!isDigits(s)) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < s.length(); i++) {
      int digit = s.charAt(i) - '0';
      if (value > (max - digit) / 10) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }

  /** Like {@link #decimal} but failing with a message naming {@code what}. */
  static long requireDecimal(String s, long min, long max, String what) {
    long value = decimal(s, max);
    if (value < 0) {
      throw new IllegalArgumentException(
          what + " must be a decimal number up to " + max + ": " + quote(s));
    }
    if (value < min) {
      throw new IllegalArgumentException(what + " must be at least " + min + ": " + quote(s));
    }
    return value;
  }

  /** An unsigned 64-bit decimal, as RFC 3264 asks of the o= session id and version. */
  static BigInteger requireUnsigned64(String s, String what) {
    // 20 digits is the most 2^64-1 needs; checking length first bounds the BigInteger work
    if (!isDigits(s) || s.length() > 20) {
      throw new IllegalArgumentException(
          what + " must be an unsigned 64-bit decimal number: " + quote(s));
    }
    BigInteger value = new BigInteger(s);
    if (value.compareTo(MAX_UNSIGNED_64) > 0) {
      throw new IllegalArgumentException(what + " exceeds 2^64-1: " + quote(s));
    }
    return value;
  }

  static BigInteger requireUnsigned64(BigInteger value, String what) {
    if (value == null || value.signum() < 0 || value.compareTo(MAX_UNSIGNED_64) > 0) {
      throw new IllegalArgumentException(what + " must be in 0..2^64-1: " + value);
    }
    return value;
  }

  /** Quotes a fragment of input for an error message, cut short so messages stay small. */
  static String quote(String s) {
    if (s == null) {
      return "null";
    }
    String shown = s.length() > 40 ? s.substring(0, 40) + "..." : s;
    StringBuilder out = new StringBuilder("'");
    for (int i = 0; i < shown.length(); i++) {
      char c = shown.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        out.append(String.format("\\x%02X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('\'').toString();
  }

  /**
   * Splits on single spaces; an empty field (two spaces, leading or trailing space) is an error.
   */
  static String[] fields(String s, String what) {
    String[] parts = s.split(" ", -1);
    for (String part : parts) {
      if (part.isEmpty()) {
        throw new IllegalArgumentException(
            what + " has an empty field (fields are separated by exactly one space)");
      }
    }
    return parts;
  }
}
