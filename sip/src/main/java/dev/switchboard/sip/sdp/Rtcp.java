package dev.switchboard.sip.sdp;

import java.util.Optional;

/** The value of an {@code a=rtcp} attribute (RFC 3605): where RTCP goes when not on port + 1. */
public record Rtcp(int port, Optional<Connection> connection) {

  public Rtcp {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("rtcp port must be 0..65535: " + port);
    }
    if (connection == null) {
      throw new IllegalArgumentException("rtcp connection must be an Optional");
    }
  }

  /**
   * Parses {@code <port> [<nettype> <addrtype> <address>]}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Rtcp parse(String value) {
    if (value == null) {
      throw new IllegalArgumentException("rtcp needs a value");
    }
    int space = value.indexOf(' ');
    String port = space < 0 ? value : value.substring(0, space);
    int number = (int) Grammar.requireDecimal(port, 0, 65535, "rtcp port");
    return new Rtcp(
        number,
        space < 0 ? Optional.empty() : Optional.of(Connection.parse(value.substring(space + 1))));
  }

  /** The attribute value. */
  public String toValue() {
    return connection.map(c -> port + " " + c.format()).orElse(Integer.toString(port));
  }
}
