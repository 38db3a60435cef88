package dev.switchboard.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of a message being written: ASCII text goes in a byte a char, anything else as UTF-8,
 * and values still in a received message's bytes are copied as they came, without becoming strings
 * first.
 */
final class WireBuffer {
  private byte[] b;
  private int n;

  WireBuffer(int capacity) {
    b = new byte[Math.max(capacity, 64)];
  }

  WireBuffer text(CharSequence s) {
    int len = s.length();
    room(len);
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        return utf8(s.subSequence(i, len));
      }
      b[n++] = (byte) c;
    }
    return this;
  }

  private WireBuffer utf8(CharSequence rest) {
    byte[] enc = rest.toString().getBytes(StandardCharsets.UTF_8);
    return bytes(enc, 0, enc.length);
  }

  WireBuffer bytes(byte[] src, int off, int len) {
    room(len);
    System.arraycopy(src, off, b, n, len);
    n += len;
    return this;
  }

  WireBuffer crlf() {
    room(2);
    b[n++] = '\r';
    b[n++] = '\n';
    return this;
  }

  private void room(int more) {
    if (n + more > b.length) {
      b = Arrays.copyOf(b, Math.max(b.length * 2, n + more));
    }
  }

  /** The bytes written: the buffer itself when the estimate was exact, else a copy cut to size. */
  byte[] toArray() {
    return n == b.length ? b : Arrays.copyOf(b, n);
  }
}
