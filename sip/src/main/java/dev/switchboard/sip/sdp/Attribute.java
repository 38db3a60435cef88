package dev.switchboard.sip.sdp;

import java.util.Optional;

/**
 * An {@code a=} line: a property attribute ({@code a=sendrecv}) or a value attribute ({@code
 * a=rtpmap:0 PCMU/8000}).
 *
 * <p>Unknown attributes are kept verbatim. The attributes this library reads ({@code rtpmap},
 * {@code fmtp}, {@code ptime}, {@code maxptime}, {@code rtcp}, {@code mid} and the four directions)
 * are checked on construction, so a description that parsed can always be read through the typed
 * helpers.
 */
public record Attribute(String name, Optional<String> value) {

  public Attribute {
    Grammar.requireToken(name, "attribute name");
    if (value == null) {
      throw new IllegalArgumentException("attribute value must be an Optional");
    }
    value.ifPresent(v -> Grammar.requireText(v, "attribute " + name + " value"));
    checkKnown(name, value);
  }

  /** A value attribute {@code a=name:value}. */
  public static Attribute of(String name, String value) {
    return new Attribute(name, Optional.of(value));
  }

  /** A property attribute {@code a=name}. */
  public static Attribute property(String name) {
    return new Attribute(name, Optional.empty());
  }

  private static void checkKnown(String name, Optional<String> value) {
    switch (name) {
      case "rtpmap" -> RtpMap.parse(required(name, value));
      case "fmtp" -> Fmtp.parse(required(name, value));
      case "rtcp" -> Rtcp.parse(required(name, value));
      case "ptime", "maxptime" -> milliseconds(name, required(name, value));
      case "mid" -> Grammar.requireToken(required(name, value), "mid");
      case "sendrecv", "sendonly", "recvonly", "inactive" -> {
        if (value.isPresent()) {
          throw new IllegalArgumentException("a=" + name + " takes no value");
        }
      }
      default -> {
        // any other attribute is kept as it came
      }
    }
  }

  private static String required(String name, Optional<String> value) {
    return value.orElseThrow(() -> new IllegalArgumentException("a=" + name + " needs a value"));
  }

  /**
   * A packet time in milliseconds: a positive integer or decimal such as {@code 20} or {@code
   * 22.5}.
   */
  static double milliseconds(String name, String value) {
    int dot = value.indexOf('.');
    String whole = dot < 0 ? value : value.substring(0, dot);
    String fraction = dot < 0 ? "0" : value.substring(dot + 1);
    if (value.length() > 12
        || !Grammar.isDigits(whole)
        || !Grammar.isDigits(fraction)
        || Double.parseDouble(value) <= 0) {
      throw new IllegalArgumentException(
          "a=" + name + " must be a positive number of milliseconds: " + Grammar.quote(value));
    }
    return Double.parseDouble(value);
  }

  String format() {
    return value.map(v -> name + ':' + v).orElse(name);
  }
}
