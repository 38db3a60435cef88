package dev.switchboard.server.sip;

import java.util.List;

/** What this server supports, as advertised in Allow, Accept and Supported (RFC 3261 §11). */
public record Capabilities(List<String> allow, List<String> accept, List<String> supported) {

  /** What the server answers today; grows as services land. */
  public static final Capabilities CURRENT =
      new Capabilities(List.of("OPTIONS"), List.of("application/sdp"), List.of("path"));

  public String allowHeader() {
    return String.join(", ", allow);
  }

  public String acceptHeader() {
    return String.join(", ", accept);
  }

  public String supportedHeader() {
    return String.join(", ", supported);
  }

  public boolean supports(String optionTag) {
    return supported.stream().anyMatch(s -> s.equalsIgnoreCase(optionTag));
  }
}
