package dev.switchboard.sip.message;

import java.util.Locale;

/** One Via entry: {@code SIP/2.0/UDP host:port;branch=z9hG4bK…;received=…;rport=…}. Immutable. */
public final class Via {
  /** The RFC 3261 branch prefix that marks a transaction id unique across space and time. */
  public static final String MAGIC_COOKIE = "z9hG4bK";

  private final String protocol;
  private final String transport;
  private final String host;
  private final int port;
  private final Parameters params;

  public Via(String transport, String host, int port, Parameters params) {
    this("SIP/2.0", transport, host, port, params);
  }

  private Via(String protocol, String transport, String host, int port, Parameters params) {
    this.protocol = protocol;
    this.transport =
        switch (transport) {
          case "UDP", "udp" -> "UDP";
          case "TCP", "tcp" -> "TCP";
          case "TLS", "tls" -> "TLS";
          default -> transport.toUpperCase(Locale.ROOT);
        };
    this.host = host;
    this.port = port;
    this.params = params == null ? Parameters.NONE : params;
  }

  /** Parses a comma-separated Via header value into its entries. */
  public static java.util.List<Via> parseList(String text) {
    java.util.List<Via> out = new java.util.ArrayList<>(2);
    Lexer lx = new Lexer(text);
    do {
      out.add(parse(lx));
    } while (lx.accept(','));
    lx.skipWs();
    if (!lx.atEnd()) {
      throw new SipParseException("unexpected text" + lx.at(), HeaderNames.VIA);
    }
    return out;
  }

  static Via parse(Lexer lx) {
    try {
      lx.skipWs();
      String protocol;
      int at = lx.pos();
      if (lx.regionIs(at, Math.min(at + 8, lx.length()), "SIP/2.0/")) {
        // The usual spelling: a constant, no string building per message.
        protocol = "SIP/2.0";
        lx.pos(at + 8);
        lx.skipWs();
      } else {
        String name = lx.requireToken("protocol name");
        lx.expect('/', "in sent-protocol");
        String version = lx.requireToken("protocol version");
        lx.expect('/', "in sent-protocol");
        protocol =
            name.equalsIgnoreCase("SIP") && version.equals("2.0")
                ? "SIP/2.0"
                : name.toUpperCase(Locale.ROOT) + "/" + version;
      }
      int ts = lx.pos();
      int te = lx.tokenEnd();
      String transport;
      if (te == ts) {
        transport = lx.requireToken("transport"); // reports the missing transport
      } else {
        transport =
            lx.regionIs(ts, te, "UDP")
                ? "UDP"
                : lx.regionIs(ts, te, "TCP") ? "TCP" : lx.regionIs(ts, te, "TLS") ? "TLS" : null;
        transport = transport != null ? transport : lx.sub(ts, te);
        lx.pos(te);
      }
      lx.skipWs();
      String host;
      if (lx.peek() == '[') {
        int close = lx.indexOf(']', lx.pos());
        if (close < 0) {
          throw new SipParseException("unterminated IPv6 reference");
        }
        host = lx.sub(lx.pos(), close + 1);
        lx.pos(close + 1);
      } else {
        host = lx.token();
      }
      if (!UriChars.isHost(host)) {
        throw new SipParseException("bad sent-by host '" + Uri.clip(host) + "'");
      }
      int port = -1;
      if (lx.accept(':')) {
        int ps = lx.pos();
        int pe = lx.tokenEnd();
        port = SipUri.parsePort(lx.text(), ps, pe, "Via sent-by");
        lx.pos(pe);
      }
      Parameters params = Parameters.parse(lx);
      validate(params);
      return new Via(protocol, transport, host, port, params);
    } catch (SipParseException e) {
      throw e.in(HeaderNames.VIA);
    }
  }

  private static void validate(Parameters params) {
    String ttl = params.get("ttl");
    if (ttl != null
        && !(ttl.length() <= 3
            && ttl.chars().allMatch(Character::isDigit)
            && Integer.parseInt(ttl) <= 255)) {
      throw new SipParseException("bad ttl");
    }
    String rport = params.get("rport");
    if (rport != null) {
      SipUri.parsePort(rport, "rport");
    }
    String branch = params.get("branch");
    if (branch != null && !Lexer.isToken(branch)) {
      throw new SipParseException("bad branch");
    }
    String received = params.get("received");
    if (received != null
        && !UriChars.isIpv4(received)
        && !UriChars.isIpv6(received)
        && !UriChars.isIpv6(received.replace("[", "").replace("]", ""))) {
      throw new SipParseException("bad received address");
    }
  }

  /** "SIP/2.0" (upper-cased name) as the sender wrote it. */
  public String protocol() {
    return protocol;
  }

  /** Transport in upper case: UDP, TCP, TLS, WS, WSS, SCTP… */
  public String transport() {
    return transport;
  }

  public String host() {
    return host;
  }

  /** The sent-by port, or -1 when absent. */
  public int port() {
    return port;
  }

  /** The port to use: the given one, or the transport's default. */
  public int portOrDefault() {
    if (port >= 0) {
      return port;
    }
    return transport.equals("TLS") || transport.equals("WSS") ? 5061 : 5060;
  }

  /** {@code host[:port]} as written, used in transaction matching. */
  public String sentBy() {
    return port < 0 ? host.toLowerCase(Locale.ROOT) : host.toLowerCase(Locale.ROOT) + ":" + port;
  }

  public Parameters params() {
    return params;
  }

  public String param(String name) {
    return params.get(name);
  }

  public String branch() {
    return params.get("branch");
  }

  /** Whether the branch starts with the RFC 3261 magic cookie. */
  public boolean hasRfc3261Branch() {
    String b = branch();
    return b != null && b.startsWith(MAGIC_COOKIE);
  }

  public String received() {
    return params.get("received");
  }

  /** The rport value; -1 when absent or present without a value (use {@link #hasRport}). */
  public int rport() {
    String v = params.get("rport");
    return v == null ? -1 : Integer.parseInt(v);
  }

  public boolean hasRport() {
    return params.has("rport");
  }

  public String maddr() {
    return params.get("maddr");
  }

  public Via withParam(String name, String value) {
    return new Via(protocol, transport, host, port, params.with(name, value));
  }

  public Via withoutParam(String name) {
    return new Via(protocol, transport, host, port, params.without(name));
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(64).append(protocol).append('/').append(transport);
    sb.append(' ').append(host);
    if (port >= 0) {
      sb.append(':').append(port);
    }
    params.appendTo(sb);
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Via v && toString().equals(v.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }
}
