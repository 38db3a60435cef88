package dev.switchboard.sip.message;

import java.util.Objects;

/**
 * One header line: its name (canonical for known headers) and its unfolded value. A parsed line
 * keeps its value as bytes of the message until someone reads it, so headers nobody looks at cost
 * no string.
 */
public final class HeaderField {
  private final String name;
  private String value;
  private final byte[] buf;
  private final int off;
  private final int len;

  public HeaderField(String name, String value) {
    this.name = Objects.requireNonNull(name);
    this.value = Objects.requireNonNull(value);
    this.buf = null;
    this.off = 0;
    this.len = 0;
  }

  /** A value still in {@code buf}, which must never change afterwards (the message's bytes). */
  HeaderField(String name, byte[] buf, int off, int len) {
    this.name = name;
    this.buf = buf;
    this.off = off;
    this.len = len;
  }

  public String name() {
    return name;
  }

  public String value() {
    String v = value;
    if (v == null) {
      // Racing readers compute the same immutable string from the same bytes: harmless.
      v = MessageParser.text(buf, off, off + len);
      value = v;
    }
    return v;
  }

  /**
   * The value for a parser to read: ASCII still in the message's bytes is read in place, without
   * building the string {@link #value()} would.
   */
  CharSequence chars() {
    String v = value;
    if (v != null) {
      return v;
    }
    for (int i = off, e = off + len; i < e; i++) {
      if (buf[i] < 0) {
        return value();
      }
    }
    return new AsciiChars(buf, off, len);
  }

  /** Writes the value: as received when it is still only bytes, else its text. */
  void writeValue(WireBuffer out) {
    String v = value;
    if (v != null) {
      out.text(v);
    } else {
      out.bytes(buf, off, len);
    }
  }

  /** The value's length in bytes if ASCII: what writing it takes, for sizing the buffer. */
  int wireLength() {
    String v = value;
    return v != null ? v.length() : len;
  }

  /** The message bytes holding the value, or null when the value is only text. */
  byte[] bytes() {
    return buf;
  }

  int offset() {
    return off;
  }

  int length() {
    return len;
  }

  /**
   * The value as a number when it is 1 to 9 ASCII digits still in the message's bytes, else -1 (the
   * caller then reads the text and reports what is wrong with it). Allocates nothing.
   */
  int plainDigits() {
    if (buf == null || len == 0 || len > 9) {
      return -1;
    }
    int n = 0;
    for (int i = off, e = off + len; i < e; i++) {
      int c = buf[i] - '0';
      if (c < 0 || c > 9) {
        return -1;
      }
      n = n * 10 + c;
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HeaderField f && f.name.equals(name) && f.value().equals(value());
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + value().hashCode();
  }

  @Override
  public String toString() {
    return name + ": " + value();
  }
}
