package dev.switchboard.sip.message;

import java.nio.charset.StandardCharsets;

/**
 * An ASCII header value read in place from the message's bytes, so a typed view can be parsed
 * without first copying the value into a string.
 */
final class AsciiChars implements CharSequence {
  private final byte[] b;
  private final int off;
  private final int len;

  /** {@code b[off, off + len)} must be ASCII and never change (the message's own bytes). */
  AsciiChars(byte[] b, int off, int len) {
    this.b = b;
    this.off = off;
    this.len = len;
  }

  @Override
  public int length() {
    return len;
  }

  @Override
  public char charAt(int i) {
    if (i < 0 || i >= len) {
      throw new IndexOutOfBoundsException(i);
    }
    return (char) b[off + i];
  }

  @Override
  public String subSequence(int from, int to) {
    if (from < 0 || to > len || from > to) {
      throw new IndexOutOfBoundsException(from);
    }
    return new String(b, off + from, to - from, StandardCharsets.ISO_8859_1);
  }

  @Override
  public String toString() {
    return subSequence(0, len);
  }
}
