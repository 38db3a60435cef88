package dev.switchboard.server.sip;

import java.util.List;

/**
 * What this server supports, as advertised in Allow, Accept and Supported (RFC 3261 §11), and which
 * methods it serves when a request is addressed to the server itself rather than to a user.
 */
public record Capabilities(
    List<String> allow, List<String> accept, List<String> supported, List<String> servedHere) {

  /** What the server answers with no services on: OPTIONS only. */
  public static final Capabilities CURRENT =
      new Capabilities(
          List.of("OPTIONS"), List.of("application/sdp"), List.of("path"), List.of("OPTIONS"));

  /** With the registrar and proxy on: every method a proxy passes on (RFC 3261 §16 is blind). */
  public static final Capabilities PROXY =
      new Capabilities(
          List.of(
              "INVITE",
              "ACK",
              "BYE",
              "CANCEL",
              "OPTIONS",
              "REGISTER",
              "PRACK",
              "UPDATE",
              "INFO",
              "MESSAGE",
              "SUBSCRIBE",
              "NOTIFY",
              "PUBLISH",
              "REFER"),
          List.of("application/sdp"),
          List.of("path"),
          List.of("OPTIONS", "REGISTER"));

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
