package dev.switchboard.sip.message;

import java.util.ArrayList;
import java.util.List;

/**
 * A name-addr or addr-spec with header parameters, as in From, To, Contact, Route and Record-Route:
 * {@code "Alice" <sip:alice@a.test>;tag=1}. Immutable.
 */
public final class Address {
  private final String displayName;
  private final Uri uri;
  private final boolean angled;
  private final Parameters params;

  public Address(String displayName, Uri uri, boolean angled, Parameters params) {
    this.displayName = displayName;
    this.uri = uri;
    // addr-spec form cannot carry a URI with ',', ';' or '?', so such URIs are always angled.
    this.angled = angled || displayName != null || needsAngles(uri);
    this.params = params == null ? Parameters.NONE : params;
  }

  public static Address of(Uri uri) {
    return new Address(null, uri, true, Parameters.NONE);
  }

  private static boolean needsAngles(Uri uri) {
    String t = uri.toString();
    return t.indexOf(';') >= 0 || t.indexOf('?') >= 0 || t.indexOf(',') >= 0;
  }

  /** The display name without quotes and escapes, or null. */
  public String displayName() {
    return displayName == null ? null : Lexer.unquote(displayName);
  }

  public Uri uri() {
    return uri;
  }

  /** The URI as a SIP URI, or null when it is a tel: or other URI. */
  public SipUri sipUri() {
    return uri instanceof SipUri s ? s : null;
  }

  public Parameters params() {
    return params;
  }

  public String param(String name) {
    return params.get(name);
  }

  public String tag() {
    return params.get("tag");
  }

  public Address withTag(String tag) {
    return withParam("tag", tag);
  }

  public Address withParam(String name, String value) {
    return new Address(displayName, uri, angled, params.with(name, value));
  }

  public Address withoutParam(String name) {
    return new Address(displayName, uri, angled, params.without(name));
  }

  public Address withUri(Uri newUri) {
    return new Address(displayName, newUri, angled, params);
  }

  /** Parses one address; the whole text must be used. */
  public static Address parse(String text) {
    return parseValue(text);
  }

  /** {@link #parse(String)} of a header value, which may still be the message's bytes. */
  static Address parseValue(CharSequence text) {
    Lexer lx = new Lexer(text);
    Address a = parse(lx);
    lx.skipWs();
    if (!lx.atEnd()) {
      throw new SipParseException("unexpected text after address" + lx.at());
    }
    return a;
  }

  /** Parses a comma-separated list of addresses (Contact, Route, Record-Route, Path). */
  public static List<Address> parseList(String text) {
    List<Address> out = new ArrayList<>(2);
    Lexer lx = new Lexer(text);
    do {
      lx.skipWs();
      out.add(parse(lx));
      lx.skipWs();
    } while (lx.accept(','));
    if (!lx.atEnd()) {
      throw new SipParseException("unexpected text in address list" + lx.at());
    }
    return out;
  }

  static Address parse(Lexer lx) {
    lx.skipWs();
    String display = null;
    int start = lx.pos();
    if (lx.peek() == '"') {
      display = lx.quoted();
      lx.skipWs();
      if (lx.peek() != '<') {
        throw new SipParseException("expected '<' after display name" + lx.at());
      }
    } else if (lx.peek() != '<') {
      // Either a display name of tokens before '<', or a bare addr-spec.
      lx.skipUntil("<,;\r\n");
      if (lx.peek() == '<') {
        // The display name is the text before '<' without surrounding whitespace.
        CharSequence s = lx.text();
        int a = start;
        int b = lx.pos();
        while (a < b && Character.isWhitespace(s.charAt(a))) {
          a++;
        }
        while (b > a && Character.isWhitespace(s.charAt(b - 1))) {
          b--;
        }
        if (a < b) {
          for (int i = a; i < b; i++) {
            char c = s.charAt(i);
            if (!Lexer.isTokenChar(c) && c != ' ' && c != '\t') {
              throw new SipParseException("bad display name: " + Uri.clip(lx.sub(a, b)));
            }
          }
          display = lx.sub(a, b);
        }
      } else {
        lx.pos(start);
        String spec = bareSpec(lx);
        Uri uri = Uri.parse(spec);
        Parameters params = Parameters.parse(lx);
        return new Address(null, uri, false, params);
      }
    }
    lx.expect('<', "before URI");
    int uriStart = lx.pos();
    int close = lx.indexOf('>', uriStart);
    if (close < 0) {
      throw new SipParseException("missing '>' after URI");
    }
    String spec = lx.sub(uriStart, close);
    Uri uri = Uri.parse(spec);
    lx.pos(close + 1);
    lx.skipWs();
    Parameters params = Parameters.parse(lx);
    return new Address(display, uri, true, params);
  }

  private static String bareSpec(Lexer lx) {
    CharSequence s = lx.text();
    int p = lx.pos();
    int start = p;
    while (p < s.length()) {
      char c = s.charAt(p);
      if (c == ';' || c == ',' || c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        break;
      }
      if (c == '?' || c == '>' || c == '"') {
        throw new SipParseException("URI with reserved characters must be in angle brackets");
      }
      p++;
    }
    lx.pos(p);
    if (p == start) {
      throw new SipParseException("missing URI" + lx.at());
    }
    return lx.sub(start, p);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(64);
    if (displayName != null) {
      sb.append(displayName).append(' ');
    }
    if (angled) {
      sb.append('<').append(uri).append('>');
    } else {
      sb.append(uri);
    }
    params.appendTo(sb);
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Address a
        && java.util.Objects.equals(displayName(), a.displayName())
        && uri.equals(a.uri)
        && params.equals(a.params);
  }

  @Override
  public int hashCode() {
    return uri.hashCode() * 31 + params.hashCode();
  }
}
