package dev.switchboard.sip.message;

/** A tel URI (RFC 3966): a telephone number with optional parameters such as phone-context. */
public record TelUri(String number, Parameters params) implements Uri {

  @Override
  public String scheme() {
    return "tel";
  }

  static TelUri parse(String text, int colon) {
    Lexer lx = new Lexer(text, colon + 1);
    int start = lx.pos();
    while (!lx.atEnd() && lx.peek() != ';') {
      char c = lx.peek();
      boolean ok =
          (c >= '0' && c <= '9')
              || (c >= 'a' && c <= 'f')
              || (c >= 'A' && c <= 'F')
              || "*#+-.()pPwW".indexOf(c) >= 0;
      if (!ok) {
        throw new SipParseException("bad character in tel URI " + Uri.clip(text));
      }
      lx.pos(lx.pos() + 1);
    }
    String number = text.substring(start, lx.pos());
    if (number.isEmpty() || number.equals("+")) {
      throw new SipParseException("tel URI without a number");
    }
    Parameters params = Parameters.parseUriParams(text, lx.pos(), text.length());
    return new TelUri(number, params);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("tel:").append(number);
    params.appendTo(sb);
    return sb.toString();
  }
}
