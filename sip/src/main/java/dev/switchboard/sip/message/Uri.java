package dev.switchboard.sip.message;

import java.util.Locale;

/** A URI as SIP uses it: a sip/sips URI, a tel URI, or any other absolute URI kept as text. */
public sealed interface Uri permits SipUri, TelUri, AbsoluteUri {

  /** The scheme in lower case: "sip", "sips", "tel", … */
  String scheme();

  /** Parses any absolute URI; sip, sips and tel are checked against their grammars. */
  static Uri parse(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new SipParseException("URI without scheme: " + clip(text));
    }
    // The usual schemes without cutting and lower-casing the scheme's text.
    if (colon == 3 && UriChars.sameIgnoringAsciiCase(text, 0, "sip")
        || colon == 4 && UriChars.sameIgnoringAsciiCase(text, 0, "sips")) {
      return SipUri.parse(text, colon);
    }
    String scheme = text.substring(0, colon);
    if (!isScheme(scheme)) {
      throw new SipParseException("bad URI scheme: " + clip(scheme));
    }
    String lower = scheme.toLowerCase(Locale.ROOT);
    return switch (lower) {
      case "sip", "sips" -> SipUri.parse(text, colon);
      case "tel" -> TelUri.parse(text, colon);
      default -> AbsoluteUri.parse(text, lower, colon);
    };
  }

  private static boolean isScheme(String s) {
    char first = s.charAt(0);
    if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '-'
              || c == '.';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
