package dev.switchboard.sip.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The {@code ;name=value} parameters of a URI, Via or address, in their written order; names
 * compare case-insensitively, a flag parameter has a null value. Immutable.
 */
public final class Parameters {
  /** One parameter; {@code value} is null for a flag such as {@code ;lr}. */
  public record Param(String name, String value) {}

  public static final Parameters NONE = new Parameters(List.of());

  // Names most messages carry, taken as constants when written exactly so: no string per message,
  // and none per stored binding (a contact's +sip.instance and transport otherwise cost ~100
  // bytes).
  private static final String[] COMMON_NAMES = {
    "branch",
    "tag",
    "rport",
    "received",
    "lr",
    "transport",
    "expires",
    "q",
    "maddr",
    "ttl",
    "user",
    "+sip.instance",
    "reg-id",
    "ob"
  };
  private static final String[] URI_NAMES = {"transport", "lr", "user", "ob", "maddr", "method"};
  private static final String[] URI_VALUES = {"udp", "tcp", "tls", "ws", "wss", "phone", "ip"};

  private final List<Param> list;

  private Parameters(List<Param> list) {
    this.list = list;
  }

  public static Parameters of(List<Param> list) {
    return list.isEmpty() ? NONE : new Parameters(List.copyOf(list));
  }

  public List<Param> asList() {
    return Collections.unmodifiableList(list);
  }

  public boolean isEmpty() {
    return list.isEmpty();
  }

  public boolean has(String name) {
    return find(name) != null;
  }

  /** The value of {@code name}; null when absent or a flag (use {@link #has} to tell). */
  public String get(String name) {
    Param p = find(name);
    return p == null ? null : p.value();
  }

  private Param find(String name) {
    for (int i = 0; i < list.size(); i++) {
      Param p = list.get(i);
      if (p.name().equalsIgnoreCase(name)) {
        return p;
      }
    }
    return null;
  }

  /** A copy with {@code name} set to {@code value} (replacing in place, or appended). */
  public Parameters with(String name, String value) {
    List<Param> copy = new ArrayList<>(list.size() + 1);
    boolean replaced = false;
    for (Param p : list) {
      if (!replaced && p.name().equalsIgnoreCase(name)) {
        copy.add(new Param(p.name(), value));
        replaced = true;
      } else {
        copy.add(p);
      }
    }
    if (!replaced) {
      copy.add(new Param(name, value));
    }
    return new Parameters(List.copyOf(copy));
  }

  public Parameters without(String name) {
    List<Param> copy = new ArrayList<>(list.size());
    for (Param p : list) {
      if (!p.name().equalsIgnoreCase(name)) {
        copy.add(p);
      }
    }
    return copy.size() == list.size() ? this : of(copy);
  }

  void appendTo(StringBuilder sb) {
    for (Param p : list) {
      sb.append(';').append(p.name());
      if (p.value() != null) {
        sb.append('=').append(p.value());
      }
    }
  }

  /**
   * Parses {@code *( SEMI name [EQUAL value] )} from the lexer; values are tokens, hosts or quoted
   * strings, kept as written.
   */
  static Parameters parse(Lexer lx) {
    List<Param> out = null;
    while (lx.accept(';')) {
      int ns = lx.pos();
      int ne = lx.tokenEnd();
      if (ne == ns) {
        lx.requireToken("parameter name"); // reports the missing name
      }
      String name = lx.text(ns, ne, COMMON_NAMES);
      lx.pos(ne);
      String value = null;
      if (lx.accept('=')) {
        if (lx.peek() == '"') {
          value = lx.quoted();
        } else {
          value = paramValue(lx);
          if (value.isEmpty()) {
            throw new SipParseException("empty value for parameter " + name + lx.at());
          }
        }
      }
      out = add(out, new Param(name, value));
      lx.skipWs();
    }
    return out == null ? NONE : new Parameters(out);
  }

  private static String paramValue(Lexer lx) {
    CharSequence s = lx.text();
    int start = lx.pos();
    int p = start;
    while (p < s.length()) {
      char c = s.charAt(p);
      if (Lexer.isTokenChar(c) || c == ':' || c == '[' || c == ']') {
        p++;
      } else {
        break;
      }
    }
    lx.pos(p);
    return lx.sub(start, p);
  }

  /**
   * Parses URI parameters strictly (no whitespace; RFC 3261 paramchar only) from {@code s} between
   * {@code from} (at a ';') and {@code to}.
   */
  static Parameters parseUriParams(String s, int from, int to) {
    if (from >= to) {
      return NONE;
    }
    List<Param> out = null;
    int i = from;
    while (i < to) {
      if (s.charAt(i) != ';') {
        throw new SipParseException("bad URI parameter at " + Uri.clip(s.substring(i, to)));
      }
      int end = i + 1;
      while (end < to && s.charAt(end) != ';') {
        end++;
      }
      int eq = s.indexOf('=', i + 1);
      if (eq < 0 || eq > end) {
        eq = -1;
      }
      String name = known(s, i + 1, eq < 0 ? end : eq, URI_NAMES);
      String value = eq < 0 ? null : known(s, eq + 1, end, URI_VALUES);
      if (name.isEmpty()
          || !UriChars.isParamText(name)
          || (value != null && !UriChars.isParamText(value))) {
        throw new SipParseException("bad URI parameter " + Uri.clip(s.substring(i, end)));
      }
      out = add(out, new Param(name, value));
      i = end;
    }
    return out == null ? NONE : new Parameters(out);
  }

  /**
   * {@code list} with {@code p} added: a one-element list stays immutable and small (most parameter
   * lists have one entry, and a stored contact keeps two of them).
   */
  private static List<Param> add(List<Param> list, Param p) {
    if (list == null) {
      return List.of(p);
    }
    if (list.size() == 1) {
      List<Param> grown = new ArrayList<>(4);
      grown.add(list.get(0));
      grown.add(p);
      return grown;
    }
    list.add(p);
    return list;
  }

  /** {@code s[from, to)} as the constant of {@code table} written exactly so, or a new string. */
  private static String known(String s, int from, int to, String[] table) {
    for (String k : table) {
      if (k.length() == to - from && s.regionMatches(from, k, 0, k.length())) {
        return k;
      }
    }
    return s.substring(from, to);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Parameters other) || other.list.size() != list.size()) {
      return false;
    }
    for (int i = 0; i < list.size(); i++) {
      Param a = list.get(i);
      Param b = other.list.get(i);
      if (!a.name().equalsIgnoreCase(b.name()) || !java.util.Objects.equals(a.value(), b.value())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (Param p : list) {
      h = 31 * h + p.name().toLowerCase(Locale.ROOT).hashCode();
      h = 31 * h + (p.value() == null ? 0 : p.value().hashCode());
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    appendTo(sb);
    return sb.toString();
  }
}
