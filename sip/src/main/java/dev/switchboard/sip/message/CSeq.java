package dev.switchboard.sip.message;

/** The CSeq header: a sequence number (0 to 2^31-1) and the request's method. */
public record CSeq(long number, String method) {

  public static final long MAX = 0x7fffffffL;

  public CSeq {
    if (number < 0 || number > MAX) {
      throw new SipParseException("sequence number out of range", HeaderNames.CSEQ);
    }
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
