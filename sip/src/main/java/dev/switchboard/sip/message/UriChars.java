package dev.switchboard.sip.message;

/** Character classes of the RFC 3261 §25.1 URI grammar. */
final class UriChars {
  private UriChars() {}

  static boolean isAlphanum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static final boolean[] UNRESERVED = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      UNRESERVED[c] = isAlphanum(c) || "-_.!~*'()".indexOf(c) >= 0;
    }
  }

  static boolean isUnreserved(char c) {
    return c < 128 && UNRESERVED[c];
  }

  /**
   * Whether {@code s} holds the ASCII {@code lit} at {@code from}, folding only A-Z: unlike
   * String.regionMatches, a non-ASCII letter never matches an ASCII one.
   */
  static boolean sameIgnoringAsciiCase(CharSequence s, int from, String lit) {
    if (from + lit.length() > s.length()) {
      return false;
    }
    for (int i = 0; i < lit.length(); i++) {
      char a = s.charAt(from + i);
      char b = lit.charAt(i);
      if (a != b && (lower(a) != lower(b))) {
        return false;
      }
    }
    return true;
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** Checks {@code s} against {@code *( unreserved / escaped / extra )}. */
  static boolean isEscapedText(String s, String extra) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length() || !isHex(s.charAt(i + 1)) || !isHex(s.charAt(i + 2))) {
          return false;
        }
        i += 2;
      } else if (!isUnreserved(c) && extra.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  static boolean isUserText(String s) {
    return !s.isEmpty() && isEscapedText(s, "&=+$,;?/");
  }

  static boolean isPasswordText(String s) {
    return isEscapedText(s, "&=+$,");
  }

  static boolean isParamText(String s) {
    return isEscapedText(s, "[]/:&+$");
  }

  static boolean isHeaderText(String s) {
    return isEscapedText(s, "[]/?:+$");
  }

  /** RFC 3261 host: hostname, IPv4address or IPv6reference. */
  static boolean isHost(String h) {
    if (h.isEmpty()) {
      return false;
    }
    if (h.charAt(0) == '[') {
      return h.length() > 2
          && h.charAt(h.length() - 1) == ']'
          && isIpv6(h.substring(1, h.length() - 1));
    }
    return isHostname(h);
  }

  private static boolean isHostname(String h) {
    // Labels of alphanum and '-', not starting or ending with '-'; a trailing dot is allowed.
    int labelStart = 0;
    int len = h.endsWith(".") ? h.length() - 1 : h.length();
    if (len == 0) {
      return false;
    }
    for (int i = 0; i <= len; i++) {
      if (i == len || h.charAt(i) == '.') {
        if (i == labelStart || h.charAt(labelStart) == '-' || h.charAt(i - 1) == '-') {
          return false;
        }
        labelStart = i + 1;
      } else if (!isAlphanum(h.charAt(i)) && h.charAt(i) != '-') {
        return false;
      }
    }
    return true;
  }

  static boolean isIpv6(String s) {
    if (s.isEmpty() || s.length() > 45) {
      return false;
    }
    int groups = 0;
    boolean doubleColon = false;
    int i = 0;
    if (s.startsWith("::")) {
      doubleColon = true;
      i = 2;
      if (i == s.length()) {
        return true;
      }
    }
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && isHex(s.charAt(i))) {
        i++;
      }
      if (i < s.length() && s.charAt(i) == '.') {
        // Trailing IPv4 part counts for two groups.
        String v4 = s.substring(start);
        return isIpv4(v4) && (doubleColon ? groups + 2 <= 7 : groups + 2 == 8);
      }
      int n = i - start;
      if (n == 0 || n > 4) {
        return false;
      }
      groups++;
      if (i == s.length()) {
        break;
      }
      if (s.charAt(i) != ':') {
        return false;
      }
      i++;
      if (i < s.length() && s.charAt(i) == ':') {
        if (doubleColon) {
          return false;
        }
        doubleColon = true;
        i++;
        if (i == s.length()) {
          break;
        }
      } else if (i == s.length()) {
        return false;
      }
    }
    return doubleColon ? groups <= 7 : groups == 8;
  }

  static boolean isIpv4(String s) {
    int parts = 0;
    int i = 0;
    while (i <= s.length()) {
      int start = i;
      int v = 0;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        v = v * 10 + (s.charAt(i) - '0');
        if (i - start > 2) {
          return false;
        }
        i++;
      }
      if (i == start || v > 255) {
        return false;
      }
      parts++;
      if (i == s.length()) {
        break;
      }
      if (s.charAt(i) != '.') {
        return false;
      }
      i++;
    }
    return parts == 4;
  }
}
