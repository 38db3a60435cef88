package dev.switchboard.sip.message;

import java.util.Locale;

/**
 * A sip: or sips: URI (RFC 3261 §19.1): {@code sip:user:password@host:port;params?headers}. The
 * user part and parameters are kept as written (escapes included). Immutable.
 */
public final class SipUri implements Uri {
  private final boolean secure;
  private final String user;
  private final String password;
  private final String host;
  private final int port;
  private final Parameters params;
  private final String headers;
  private String text;

  public SipUri(
      boolean secure,
      String user,
      String password,
      String host,
      int port,
      Parameters params,
      String headers) {
    this.secure = secure;
    this.user = user;
    this.password = password;
    this.host = host;
    this.port = port;
    this.params = params == null ? Parameters.NONE : params;
    this.headers = headers;
  }

  /** {@code sip:user@host} (user may be null). */
  public static SipUri of(String user, String host) {
    return new SipUri(false, user, null, host, -1, Parameters.NONE, null);
  }

  /** {@code sip:host:port} with no user. */
  public static SipUri of(String host, int port) {
    return new SipUri(false, null, null, host, port, Parameters.NONE, null);
  }

  static SipUri parse(String text, int colon) {
    boolean secure = colon == 4;
    int end = text.length();
    int q = text.indexOf('?', colon + 1);
    int at = text.indexOf('@', colon + 1);
    if (q >= 0 && at > q) {
      // A '?' in the user part is legal; only one after the host starts the headers.
      q = text.indexOf('?', at + 1);
    }
    String user = null;
    String password = null;
    int hostStart = colon + 1;
    if (at >= 0) {
      String userinfo = text.substring(colon + 1, at);
      int pc = userinfo.indexOf(':');
      user = pc < 0 ? userinfo : userinfo.substring(0, pc);
      password = pc < 0 ? null : userinfo.substring(pc + 1);
      if (!UriChars.isUserText(user)) {
        throw new SipParseException("bad user part in URI " + Uri.clip(text));
      }
      if (password != null && !UriChars.isPasswordText(password)) {
        throw new SipParseException("bad password in URI " + Uri.clip(text));
      }
      hostStart = at + 1;
    }
    int hostEnd = q >= 0 ? q : end;
    int semi = text.indexOf(';', hostStart);
    if (semi >= 0 && semi < hostEnd) {
      hostEnd = semi;
    }
    String hostport = text.substring(hostStart, hostEnd);
    String host;
    int port = -1;
    int portColon;
    if (hostport.startsWith("[")) {
      int close = hostport.indexOf(']');
      portColon = close < 0 ? -1 : hostport.indexOf(':', close);
    } else {
      portColon = hostport.indexOf(':');
    }
    if (portColon >= 0) {
      host = hostport.substring(0, portColon);
      port = parsePort(hostport, portColon + 1, hostport.length(), text);
    } else {
      host = hostport;
    }
    if (!UriChars.isHost(host)) {
      throw new SipParseException("bad host in URI " + Uri.clip(text));
    }
    int paramsEnd = q >= 0 ? q : end;
    Parameters params = Parameters.parseUriParams(text, hostEnd, paramsEnd);
    String headers = null;
    if (q >= 0) {
      headers = text.substring(q + 1);
      for (String h : headers.split("&", -1)) {
        int eq = h.indexOf('=');
        if (eq <= 0
            || !UriChars.isHeaderText(h.substring(0, eq))
            || !UriChars.isHeaderText(h.substring(eq + 1))) {
          throw new SipParseException("bad header in URI " + Uri.clip(text));
        }
      }
    }
    SipUri uri = new SipUri(secure, user, password, host, port, params, headers);
    uri.text = text;
    return uri;
  }

  static int parsePort(String p, String context) {
    return parsePort(p, 0, p.length(), context);
  }

  /** The port written in {@code s[from, to)}. */
  static int parsePort(CharSequence s, int from, int to, String context) {
    if (to <= from || to - from > 5) {
      throw new SipParseException("bad port in " + Uri.clip(context));
    }
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new SipParseException("bad port in " + Uri.clip(context));
      }
      v = v * 10 + (c - '0');
    }
    if (v > 65535) {
      throw new SipParseException("port out of range in " + Uri.clip(context));
    }
    return v;
  }

  @Override
  public String scheme() {
    return secure ? "sips" : "sip";
  }

  public boolean secure() {
    return secure;
  }

  /** The user part as written (escapes kept), or null. */
  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  /** The host as written; IPv6 references keep their brackets. */
  public String host() {
    return host;
  }

  /** The port, or -1 when the URI names none. */
  public int port() {
    return port;
  }

  public Parameters params() {
    return params;
  }

  public String param(String name) {
    return params.get(name);
  }

  /** The raw {@code ?headers} part without the '?', or null. */
  public String headers() {
    return headers;
  }

  /** The transport parameter in lower case, or null. */
  public String transport() {
    String t = params.get("transport");
    return t == null ? null : t.toLowerCase(Locale.ROOT);
  }

  /** Whether the URI carries the loose-routing flag {@code ;lr}. */
  public boolean lr() {
    return params.has("lr");
  }

  public String maddr() {
    return params.get("maddr");
  }

  /** The address of record form {@code sip:user@host} (lower-case host, no port or params). */
  public String aor() {
    return scheme()
        + ":"
        + (user == null ? "" : unescape(user) + "@")
        + host.toLowerCase(Locale.ROOT);
  }

  /**
   * The address of record as registrations are keyed: always {@code sip:}, so a {@code sips:} URI
   * finds the bindings its {@code sip:} form registered.
   */
  public String sipAor() {
    return "sip:" + (user == null ? "" : unescape(user) + "@") + host.toLowerCase(Locale.ROOT);
  }

  public SipUri withParam(String name, String value) {
    return new SipUri(secure, user, password, host, port, params.with(name, value), headers);
  }

  public SipUri withoutParam(String name) {
    return new SipUri(secure, user, password, host, port, params.without(name), headers);
  }

  public SipUri withUser(String newUser) {
    return new SipUri(secure, newUser, password, host, port, params, headers);
  }

  /** A URI without its headers part, as a Request-URI built from a Contact must be. */
  public SipUri withoutHeaders() {
    return headers == null ? this : new SipUri(secure, user, password, host, port, params, null);
  }

  /** Resolves %HH escapes (UTF-8) for comparisons. */
  public static String unescape(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length()) {
        out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
      }
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * URI equivalence per RFC 3261 §19.1.4: scheme, user and password case-sensitive after
   * unescaping, host case-insensitive, ports and the listed parameters compared when present.
   */
  public boolean equivalent(SipUri o) {
    if (secure != o.secure
        || !java.util.Objects.equals(
            user == null ? null : unescape(user), o.user == null ? null : unescape(o.user))
        || !java.util.Objects.equals(password, o.password)
        || !host.equalsIgnoreCase(o.host)
        || port != o.port) {
      return false;
    }
    for (String p : new String[] {"user", "ttl", "method", "maddr", "transport"}) {
      String a = params.get(p);
      String b = o.params.get(p);
      if ((a == null) != (b == null) || (a != null && !a.equalsIgnoreCase(b))) {
        return false;
      }
    }
    for (Parameters.Param p : params.asList()) {
      // The first of a repeated name counts, on both sides, as everywhere else in the stack.
      String mine = params.get(p.name());
      String other = o.params.get(p.name());
      if (other != null && mine != null && !other.equalsIgnoreCase(mine)) {
        return false;
      }
    }
    return java.util.Objects.equals(headers, o.headers);
  }

  @Override
  public String toString() {
    String t = text;
    if (t == null) {
      StringBuilder sb = new StringBuilder(32).append(secure ? "sips:" : "sip:");
      if (user != null) {
        sb.append(user);
        if (password != null) {
          sb.append(':').append(password);
        }
        sb.append('@');
      }
      sb.append(host);
      if (port >= 0) {
        sb.append(':').append(port);
      }
      params.appendTo(sb);
      if (headers != null) {
        sb.append('?').append(headers);
      }
      t = sb.toString();
      text = t;
    }
    return t;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SipUri other && toString().equals(other.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }
}
