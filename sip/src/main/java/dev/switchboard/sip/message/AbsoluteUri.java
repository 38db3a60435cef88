package dev.switchboard.sip.message;

/** An absolute URI of a scheme SIP does not interpret (http:, mailto:, urn:, …), kept as text. */
public record AbsoluteUri(String scheme, String text) implements Uri {

  static AbsoluteUri parse(String text, String lowerScheme, int colon) {
    for (int i = colon + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= ' ' || c >= 0x7f || c == '<' || c == '>' || c == '"') {
        throw new SipParseException("bad character in URI " + Uri.clip(text));
      }
    }
    return new AbsoluteUri(lowerScheme, text);
  }

  @Override
  public String toString() {
    return text;
  }
}
