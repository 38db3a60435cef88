package dev.switchboard.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The header lines of a message in their order, unknown ones kept verbatim. Names match
 * case-insensitively and compact forms match their full names.
 */
public final class Headers {
  private final ArrayList<HeaderField> fields;
  private int modCount;

  Headers(int capacity) {
    fields = new ArrayList<>(capacity);
  }

  /** Counts changes so the message knows when its cached bytes and typed views are stale. */
  int modCount() {
    return modCount;
  }

  public List<HeaderField> fields() {
    return Collections.unmodifiableList(fields);
  }

  /** The lines themselves, for walks inside this package that must not allocate. */
  List<HeaderField> fieldList() {
    return fields;
  }

  public int size() {
    return fields.size();
  }

  private static boolean matches(HeaderField f, String canonicalName) {
    String n = f.name();
    return n == canonicalName || n.equalsIgnoreCase(canonicalName);
  }

  /** The value of the first line named {@code name}, or null. */
  public String first(String name) {
    HeaderField f = firstField(name);
    return f == null ? null : f.value();
  }

  /** The first line named {@code name}, or null. */
  HeaderField firstField(String name) {
    String c = HeaderNames.canonical(name);
    for (int i = 0, n = fields.size(); i < n; i++) {
      HeaderField f = fields.get(i);
      if (matches(f, c)) {
        return f;
      }
    }
    return null;
  }

  /** The values of every line named {@code name}, in order (comma lists not split). */
  public List<String> all(String name) {
    String c = HeaderNames.canonical(name);
    List<String> out = new ArrayList<>(2);
    for (HeaderField f : fields) {
      if (matches(f, c)) {
        out.add(f.value());
      }
    }
    return out;
  }

  public int count(String name) {
    String c = HeaderNames.canonical(name);
    int k = 0;
    for (HeaderField f : fields) {
      if (matches(f, c)) {
        k++;
      }
    }
    return k;
  }

  public boolean contains(String name) {
    return first(name) != null;
  }

  /** Appends a line at the end. */
  public void add(String name, String value) {
    fields.add(new HeaderField(HeaderNames.canonical(name), value));
    modCount++;
  }

  /**
   * Inserts a line before the first line of the same name, or at the top when there is none (as Via
   * and Record-Route are pushed).
   */
  public void addFirst(String name, String value) {
    String c = HeaderNames.canonical(name);
    int at = 0;
    for (int i = 0; i < fields.size(); i++) {
      if (matches(fields.get(i), c)) {
        at = i;
        break;
      }
    }
    fields.add(at, new HeaderField(c, value));
    modCount++;
  }

  /** Replaces the first line of that name in place and drops the others; appends if absent. */
  public void set(String name, String value) {
    String c = HeaderNames.canonical(name);
    int at = -1;
    for (int i = 0; i < fields.size(); i++) {
      if (matches(fields.get(i), c)) {
        if (at < 0) {
          at = i;
          fields.set(i, new HeaderField(c, value));
        } else {
          fields.remove(i--);
        }
      }
    }
    if (at < 0) {
      fields.add(new HeaderField(c, value));
    }
    modCount++;
  }

  /** Replaces the value of the first line of that name; false when there is none. */
  boolean replaceFirst(String name, String value) {
    String c = HeaderNames.canonical(name);
    for (int i = 0; i < fields.size(); i++) {
      if (matches(fields.get(i), c)) {
        fields.set(i, new HeaderField(c, value));
        modCount++;
        return true;
      }
    }
    return false;
  }

  /** Removes the first line of that name; false when there is none. */
  boolean removeFirst(String name) {
    String c = HeaderNames.canonical(name);
    for (int i = 0; i < fields.size(); i++) {
      if (matches(fields.get(i), c)) {
        fields.remove(i);
        modCount++;
        return true;
      }
    }
    return false;
  }

  /** Removes every line of that name. */
  public void remove(String name) {
    String c = HeaderNames.canonical(name);
    if (fields.removeIf(f -> matches(f, c))) {
      modCount++;
    }
  }

  /** An independent copy: header lines are immutable, so only the list is new. */
  Headers copy() {
    Headers h = new Headers(fields.size() + 4);
    h.fields.addAll(fields);
    return h;
  }

  /**
   * New lines for those named in {@code canonicalNames}, in order, their values copied into one
   * array of their own, so nothing of the message's received bytes stays reachable through them.
   * One array rather than a string per value: these are what a call keeps for RFC 6026's 32 s, and
   * the collector copies every object of them while they live.
   */
  Headers detached(String... canonicalNames) {
    Headers h = new Headers(canonicalNames.length + 2);
    int size = 0;
    for (HeaderField f : fields) {
      String c = canonicalMatch(f, canonicalNames);
      if (c != null) {
        byte[] b = f.bytes();
        size += b != null ? f.length() : f.value().getBytes(StandardCharsets.UTF_8).length;
        h.fields.add(f);
      }
    }
    byte[] pack = new byte[size];
    int p = 0;
    for (int i = 0; i < h.fields.size(); i++) {
      HeaderField f = h.fields.get(i);
      String c = canonicalMatch(f, canonicalNames);
      byte[] b = f.bytes();
      int len;
      if (b != null) {
        len = f.length();
        System.arraycopy(b, f.offset(), pack, p, len);
      } else {
        byte[] v = f.value().getBytes(StandardCharsets.UTF_8);
        len = v.length;
        System.arraycopy(v, 0, pack, p, len);
      }
      h.fields.set(i, new HeaderField(c, pack, p, len));
      p += len;
    }
    return h;
  }

  private static String canonicalMatch(HeaderField f, String[] canonicalNames) {
    for (String c : canonicalNames) {
      if (matches(f, c)) {
        return c;
      }
    }
    return null;
  }

  void addParsed(HeaderField f) {
    fields.add(f);
  }

  void copyFrom(Headers other, String name) {
    String c = HeaderNames.canonical(name);
    for (HeaderField f : other.fields) {
      if (matches(f, c)) {
        fields.add(f);
        modCount++;
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Headers h && h.fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }
}
