package dev.switchboard.sip.message;

/** The CSeq header: a sequence number (0 to 2^31-1) and the request's method. */
public record CSeq(long number, String method) {

  public static final long MAX = 0x7fffffffL;

  public CSeq {
    if (number < 0 || number > MAX) {
      throw new SipParseException("sequence number out of range", HeaderNames.CSEQ);
    }
  }

  /**
   * Parses a header line's value; the usual {@code 314159 INVITE} is read from the message's bytes
   * without building its text, anything else goes through {@link #parse(String)}.
   */
  static CSeq parse(HeaderField f) {
    byte[] b = f.bytes();
    if (b != null) {
      int p = f.offset();
      int e = p + f.length();
      int digitsEnd = p;
      long n = 0;
      while (digitsEnd < e && digitsEnd - p < 10 && b[digitsEnd] >= '0' && b[digitsEnd] <= '9') {
        n = n * 10 + (b[digitsEnd++] - '0');
      }
      int m = digitsEnd;
      while (m < e && (b[m] == ' ' || b[m] == '\t')) {
        m++;
      }
      String method = m > digitsEnd ? SipRequest.knownMethod(b, m, e) : null;
      if (digitsEnd > p && n <= MAX && method != null) {
        return new CSeq(n, method);
      }
    }
    return parse(f.value());
  }

  public static CSeq parse(String text) {
    Lexer lx = new Lexer(text);
    lx.skipWs();
    String digits = lx.token();
    if (digits.isEmpty() || digits.length() > 10) {
      throw new SipParseException("bad sequence number", HeaderNames.CSEQ);
    }
    long n = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        throw new SipParseException("bad sequence number", HeaderNames.CSEQ);
      }
      n = n * 10 + (c - '0');
    }
    if (n > MAX) {
      throw new SipParseException("sequence number out of range", HeaderNames.CSEQ);
    }
    lx.skipWs();
    String method = lx.token();
    lx.skipWs();
    if (method.isEmpty() || !lx.atEnd()) {
      throw new SipParseException("expected number and method", HeaderNames.CSEQ);
    }
    return new CSeq(n, method);
  }

  @Override
  public String toString() {
    return number + " " + method;
  }
}
