package dev.switchboard.sip.message;

/** A cursor over one header value with the RFC 3261 §25.1 lexical rules (LWS, token, quoted). */
final class Lexer {
  // A String, or a header value still in the message's bytes (AsciiChars).
  private final CharSequence s;
  private int pos;

  Lexer(CharSequence s) {
    this.s = s;
  }

  Lexer(CharSequence s, int pos) {
    this.s = s;
    this.pos = pos;
  }

  int pos() {
    return pos;
  }

  void pos(int p) {
    pos = p;
  }

  CharSequence text() {
    return s;
  }

  int length() {
    return s.length();
  }

  /** The text of {@code [from, to)} as a string. */
  String sub(int from, int to) {
    return s instanceof String str ? str.substring(from, to) : s.subSequence(from, to).toString();
  }

  /** Index of {@code c} at or after {@code from}, or -1. */
  int indexOf(char c, int from) {
    for (int i = from, n = s.length(); i < n; i++) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  boolean atEnd() {
    return pos >= s.length();
  }

  char peek() {
    return pos < s.length() ? s.charAt(pos) : '\0';
  }

  void skipWs() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        pos++;
      } else {
        break;
      }
    }
  }

  /** Consumes {@code c} (with optional whitespace around it) and says whether it was there. */
  boolean accept(char c) {
    int save = pos;
    skipWs();
    if (pos < s.length() && s.charAt(pos) == c) {
      pos++;
      skipWs();
      return true;
    }
    pos = save;
    return false;
  }

  void expect(char c, String what) {
    if (!accept(c)) {
      throw new SipParseException("expected '" + c + "' " + what + at());
    }
  }

  String at() {
    return pos >= s.length() ? " at end" : " at column " + (pos + 1);
  }

  // RFC 3261 token characters: alphanum and -.!%*_+`'~ (a table: this test runs for every byte).
  private static final boolean[] TOKEN = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      TOKEN[c] =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "-.!%*_+`'~".indexOf(c) >= 0;
    }
  }

  static boolean isTokenChar(char c) {
    return c < 128 && TOKEN[c];
  }

  static boolean isToken(String t) {
    if (t.isEmpty()) {
      return false;
    }
    for (int i = 0; i < t.length(); i++) {
      if (!isTokenChar(t.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Where the token starting here ends (here when there is none); the position stays. */
  int tokenEnd() {
    int p = pos;
    while (p < s.length() && isTokenChar(s.charAt(p))) {
      p++;
    }
    return p;
  }

  /** Whether {@code s[from, to)} is {@code lit} (ASCII), ignoring ASCII case only. */
  boolean regionIs(int from, int to, String lit) {
    if (to - from != lit.length()) {
      return false;
    }
    return UriChars.sameIgnoringAsciiCase(s, from, lit);
  }

  /** The text of {@code s[from, to)}, as a known constant when it is one of {@code known}. */
  String text(int from, int to, String[] known) {
    for (String k : known) {
      if (to - from == k.length() && same(from, k)) {
        return k;
      }
    }
    return sub(from, to);
  }

  private boolean same(int from, String k) {
    for (int i = 0; i < k.length(); i++) {
      if (s.charAt(from + i) != k.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** A token, or an empty string when none starts here. */
  String token() {
    int start = pos;
    while (pos < s.length() && isTokenChar(s.charAt(pos))) {
      pos++;
    }
    return sub(start, pos);
  }

  String requireToken(String what) {
    String t = token();
    if (t.isEmpty()) {
      throw new SipParseException("expected " + what + at());
    }
    return t;
  }

  /** A quoted-string including its quotes, escapes left as written. */
  String quoted() {
    int start = pos;
    if (peek() != '"') {
      throw new SipParseException("expected quoted string" + at());
    }
    pos++;
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == '\\') {
        if (pos + 1 >= s.length()) {
          break;
        }
        char n = s.charAt(pos + 1);
        if (n == '\r' || n == '\n') {
          throw new SipParseException("bad escape in quoted string" + at());
        }
        pos += 2;
      } else if (c == '"') {
        pos++;
        return sub(start, pos);
      } else {
        pos++;
      }
    }
    throw new SipParseException("unterminated quoted string");
  }

  /** Takes everything up to (not including) one of {@code stops} outside quotes and angles. */
  String until(String stops) {
    int start = pos;
    skipUntil(stops);
    return sub(start, pos);
  }

  /** Moves to the first of {@code stops} outside quotes and angles (or the end). */
  void skipUntil(String stops) {
    boolean quoted = false;
    int angle = 0;
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (quoted) {
        if (c == '\\') {
          pos++;
        } else if (c == '"') {
          quoted = false;
        }
      } else if (angle == 0 && stops.indexOf(c) >= 0) {
        break;
      } else if (c == '"') {
        quoted = true;
      } else if (c == '<') {
        angle++;
      } else if (c == '>') {
        angle--;
      }
      pos++;
    }
    pos = Math.min(pos, s.length());
  }

  /** Strips the quotes of a quoted-string and resolves its backslash escapes. */
  static String unquote(String q) {
    if (q.length() < 2 || q.charAt(0) != '"' || q.charAt(q.length() - 1) != '"') {
      return q;
    }
    StringBuilder sb = new StringBuilder(q.length());
    for (int i = 1; i < q.length() - 1; i++) {
      char c = q.charAt(i);
      if (c == '\\' && i + 1 < q.length() - 1) {
        sb.append(q.charAt(++i));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Quotes a value for a quoted-string, escaping backslashes and quotes. */
  static String quote(String v) {
    StringBuilder sb = new StringBuilder(v.length() + 2).append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.append('"').toString();
  }
}
