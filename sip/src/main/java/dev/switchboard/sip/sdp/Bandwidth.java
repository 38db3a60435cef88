package dev.switchboard.sip.sdp;

/**
 * A {@code b=} line: a bandwidth limit of some type ({@code AS}, {@code CT}, {@code TIAS}...), in
 * kbit/s for AS and CT.
 */
public record Bandwidth(String type, long value) {
  static final long MAX_VALUE = 999_999_999_999L;

  public Bandwidth {
    Grammar.requireToken(type, "b= bandwidth type");
    if (value < 0 || value > MAX_VALUE) {
      throw new IllegalArgumentException(
          "b= bandwidth out of range 0.." + MAX_VALUE + ": " + value);
    }
  }

  static Bandwidth parse(String value) {
    int colon = value.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("b= must be <type>:<bandwidth>: " + Grammar.quote(value));
    }
    return new Bandwidth(
        value.substring(0, colon),
        Grammar.requireDecimal(value.substring(colon + 1), 0, MAX_VALUE, "b= bandwidth"));
  }

  String format() {
    return type + ':' + value;
  }
}
