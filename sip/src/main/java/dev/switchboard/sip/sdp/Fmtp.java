package dev.switchboard.sip.sdp;

import java.util.LinkedHashMap;
import java.util.Map;

/** The value of an {@code a=fmtp} attribute: format-specific parameters for one media format. */
public record Fmtp(String format, String parameters) {

  public Fmtp {
    Grammar.requireToken(format, "fmtp format");
    Grammar.requireText(parameters, "fmtp parameters");
  }

  /**
   * Parses {@code <format> <parameters>}; a bare {@code <format>} gives empty parameters.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Fmtp parse(String value) {
    if (value == null) {
      throw new IllegalArgumentException("fmtp needs a value");
    }
    int space = value.indexOf(' ');
    return space < 0
        ? new Fmtp(value, "")
        : new Fmtp(value.substring(0, space), value.substring(space + 1));
  }

  /** The {@code key=value} pairs separated by {@code ;}; a key without {@code =} maps to "". */
  public Map<String, String> parameterMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (String part : parameters.split(";")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      map.put(eq < 0 ? p : p.substring(0, eq).strip(), eq < 0 ? "" : p.substring(eq + 1).strip());
    }
    return map;
  }

  /** The attribute value. */
  public String toValue() {
    return parameters.isEmpty() ? format : format + ' ' + parameters;
  }

  /** This as an {@code a=fmtp} attribute. */
  public Attribute toAttribute() {
    return Attribute.of("fmtp", toValue());
  }
}
