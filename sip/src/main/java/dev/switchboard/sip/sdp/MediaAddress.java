package dev.switchboard.sip.sdp;

/** Where to send RTP: the host from the c= line and the port from the m= line. */
public record MediaAddress(String host, int port) {

  public MediaAddress {
    Grammar.requireNonWhitespace(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535: " + port);
    }
  }
}
