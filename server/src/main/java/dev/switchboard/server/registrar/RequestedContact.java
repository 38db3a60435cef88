package dev.switchboard.server.registrar;

import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.message.SipParseException;

/**
 * One Contact of a REGISTER after RFC 3261 §10.3 step 6/7 reading: the address without its {@code
 * expires} and {@code q} parameters, the granted expiry in seconds (0 removes) and q in
 * thousandths.
 */
record RequestedContact(Address contact, long expires, int qMillis) {

  /** Default q when the contact names none: the top of the scale, as most registrars assume. */
  static final int DEFAULT_Q = 1000;

  /** Parses a qvalue (RFC 3261 §25.1: "0" [ "." 0*3DIGIT ] / "1" [ "." 0*3("0") ]). */
  static int parseQ(String text) {
    if (text == null) {
      return DEFAULT_Q;
    }
    String t = text.strip();
    if (t.isEmpty() || t.length() > 5 || (t.charAt(0) != '0' && t.charAt(0) != '1')) {
      throw new SipParseException("bad q value: " + t);
    }
    int whole = t.charAt(0) - '0';
    int millis = 0;
    if (t.length() > 1) {
      if (t.charAt(1) != '.') {
        throw new SipParseException("bad q value: " + t);
      }
      int scale = 100;
      for (int i = 2; i < t.length(); i++) {
        char c = t.charAt(i);
        if (c < '0' || c > '9') {
          throw new SipParseException("bad q value: " + t);
        }
        millis += (c - '0') * scale;
        scale /= 10;
      }
    }
    int q = whole * 1000 + millis;
    if (q > 1000) {
      throw new SipParseException("bad q value: " + t);
    }
    return q;
  }

  /** Writes q the way the UA would: {@code 0.5}, {@code 0.125}, {@code 1}. */
  static String formatQ(int qMillis) {
    if (qMillis == 1000) {
      return "1";
    }
    String digits = String.format(java.util.Locale.ROOT, "%03d", qMillis);
    digits = digits.replaceAll("0+$", "");
    return digits.isEmpty() ? "0" : "0." + digits;
  }
}
