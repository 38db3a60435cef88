package dev.switchboard.sip.auth;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The comma-separated {@code name=value} list after "Digest" in a challenge or credentials (RFC
 * 3261 §25.1 auth-param), names lower-cased, values unquoted; bounded so hostile input cannot make
 * it allocate much.
 */
final class DigestParams {
  /** Longest header value we read; real ones are a few hundred characters. */
  static final int MAX_HEADER_CHARS = 4096;

  /** Longest parameter value (after unquoting). */
  static final int MAX_VALUE_CHARS = 1024;

  /** Most parameters in one header; RFC 7616 defines about a dozen. */
  static final int MAX_PARAMS = 24;

  private static final String SCHEME = "Digest";

  private final Map<String, String> values;

  private DigestParams(Map<String, String> values) {
    this.values = values;
  }

  /** The unquoted value of a parameter (name in lower case), or null. */
  String get(String name) {
    return values.get(name);
  }

  /** Whether the header uses the Digest scheme, so a parse failure is ours to report. */
  static boolean isDigest(String header) {
    if (header == null) {
      return false;
    }
    int i = skipLws(header, 0);
    return header.regionMatches(true, i, SCHEME, 0, SCHEME.length())
        && (i + SCHEME.length() == header.length()
            || !isTokenChar(header.charAt(i + SCHEME.length())));
  }

  static DigestParams parse(String header) {
    if (header == null) {
      throw new DigestParseException("missing header value");
    }
    if (header.length() > MAX_HEADER_CHARS) {
      throw new DigestParseException("header longer than " + MAX_HEADER_CHARS + " characters");
    }
    int i = skipLws(header, 0);
    int schemeEnd = tokenEnd(header, i);
    if (!header.regionMatches(true, i, SCHEME, 0, SCHEME.length())
        || schemeEnd != i + SCHEME.length()) {
      throw new DigestParseException("scheme is not Digest");
    }
    i = schemeEnd;
    int afterWs = skipLws(header, i);
    if (afterWs == i || afterWs == header.length()) {
      throw new DigestParseException("no parameters after Digest");
    }
    i = afterWs;
    Map<String, String> values = new LinkedHashMap<>();
    while (true) {
      int nameEnd = tokenEnd(header, i);
      if (nameEnd == i) {
        throw new DigestParseException("expected a parameter name" + at(header, i));
      }
      String name = name(header, i, nameEnd);
      i = skipLws(header, nameEnd);
      if (i >= header.length() || header.charAt(i) != '=') {
        throw new DigestParseException("expected '=' after " + clip(name));
      }
      i = skipLws(header, i + 1);
      String value;
      if (i < header.length() && header.charAt(i) == '"') {
        int end = plainQuotedEnd(header, i + 1);
        if (end >= 0) {
          value = header.substring(i + 1, end);
          i = end + 1;
        } else {
          StringBuilder sb = new StringBuilder(64);
          i = quotedString(header, i + 1, sb, name);
          value = sb.toString();
        }
      } else {
        int valueEnd = tokenEnd(header, i);
        if (valueEnd == i) {
          throw new DigestParseException("expected a token or quoted string for " + clip(name));
        }
        value = header.substring(i, valueEnd);
        i = valueEnd;
      }
      if (value.length() > MAX_VALUE_CHARS) {
        throw new DigestParseException(clip(name) + " longer than " + MAX_VALUE_CHARS);
      }
      if (values.putIfAbsent(name, value) != null) {
        throw new DigestParseException("duplicate parameter " + clip(name));
      }
      if (values.size() > MAX_PARAMS) {
        throw new DigestParseException("more than " + MAX_PARAMS + " parameters");
      }
      i = skipLws(header, i);
      if (i == header.length()) {
        return new DigestParams(values);
      }
      if (header.charAt(i) != ',') {
        throw new DigestParseException("expected ',' after " + clip(name) + at(header, i));
      }
      i = skipLws(header, i + 1);
    }
  }

  /** The names RFC 3261 and RFC 7616 define, as constants whose hashes are already known. */
  private static final String[] KNOWN = {
    "username",
    "realm",
    "nonce",
    "uri",
    "response",
    "algorithm",
    "cnonce",
    "opaque",
    "qop",
    "nc",
    "userhash",
    "stale",
    "domain",
    "charset"
  };

  /** A parameter name in lower case: a constant for the usual names, no copy and no case map. */
  private static String name(String header, int from, int to) {
    int len = to - from;
    for (String k : KNOWN) {
      if (k.length() == len && header.regionMatches(true, from, k, 0, len)) {
        return k;
      }
    }
    return header.substring(from, to).toLowerCase(Locale.ROOT);
  }

  /**
   * The index of the closing quote when the quoted string starting at {@code i} has only plain
   * characters (the common case, copied without a builder); -1 when it needs {@link #quotedString}.
   */
  private static int plainQuotedEnd(String s, int i) {
    int limit = Math.min(s.length(), i + MAX_VALUE_CHARS + 1);
    for (; i < limit; i++) {
      char c = s.charAt(i);
      if (c == '"') {
        return i;
      }
      if (c == '\\' || (c < 0x20 && c != '\t') || c == 0x7f) {
        return -1;
      }
    }
    return -1;
  }

  /** Reads a quoted string from just after its opening quote; returns the index after the end. */
  private static int quotedString(String s, int i, StringBuilder sb, String name) {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\') {
        if (i + 1 >= s.length()) {
          break;
        }
        char e = s.charAt(i + 1);
        // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F): no CR, LF or non-ASCII.
        if (e == '\r' || e == '\n' || e > 0x7f) {
          throw new DigestParseException("bad escape in " + clip(name));
        }
        sb.append(e);
        i += 2;
      } else if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw new DigestParseException("control character in " + clip(name));
      } else {
        sb.append(c);
        i++;
      }
      if (sb.length() > MAX_VALUE_CHARS) {
        throw new DigestParseException(clip(name) + " longer than " + MAX_VALUE_CHARS);
      }
    }
    throw new DigestParseException("unterminated quoted string in " + clip(name));
  }

  /** Skips SP, HTAB and folded line breaks (CRLF followed by whitespace). */
  private static int skipLws(String s, int i) {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t') {
        i++;
      } else if (c == '\r'
          && i + 2 < s.length()
          && s.charAt(i + 1) == '\n'
          && (s.charAt(i + 2) == ' ' || s.charAt(i + 2) == '\t')) {
        i += 3;
      } else {
        break;
      }
    }
    return i;
  }

  private static int tokenEnd(String s, int i) {
    while (i < s.length() && isTokenChar(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** RFC 3261 token: alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~". */
  static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "-.!%*_+`'~".indexOf(c) >= 0;
  }

  /** Whether a value can be written unquoted. */
  static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isTokenChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Appends {@code "value"} with quotes, backslashes and control characters escaped: a value read
   * from a quoted-pair such as {@code \<DLE>} must be written as one again, or it cannot be read.
   */
  static void appendQuoted(StringBuilder sb, String value) {
    sb.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\' || (c < 0x20 && c != '\t') || c == 0x7f) {
        sb.append('\\');
      }
      sb.append(c);
    }
    sb.append('"');
  }

  /** Rejects values that would break out of a header line when written. */
  static String requirePrintable(String value, String what) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    if (value.length() > MAX_VALUE_CHARS) {
      throw new IllegalArgumentException(what + " too long");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException(what + " contains a control character");
      }
    }
    return value;
  }

  // Input appears in messages only as token characters, and briefly, so reasons stay printable.
  private static String clip(String name) {
    return name.length() <= 24 ? name : name.substring(0, 24) + "...";
  }

  private static String at(String s, int i) {
    return i >= s.length() ? " at end" : " at position " + i;
  }
}
