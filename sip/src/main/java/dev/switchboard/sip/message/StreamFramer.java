package dev.switchboard.sip.message;

/**
 * Finds where one message ends in a stream of bytes (TCP, TLS): after the empty line that ends the
 * headers plus Content-Length bytes of body (RFC 3261 §18.3). Works on plain arrays so the
 * transport can wrap it around its own buffers.
 */
public final class StreamFramer {
  /** What the framer found at the start of the buffer. */
  public sealed interface Frame {}

  /** Leading CRLFs: a keep-alive ping (RFC 5626 §3.5.1) or noise, {@code length} bytes. */
  public record KeepAlive(int length, boolean doubleCrlf) implements Frame {}

  /** A whole message of {@code length} bytes starting {@code skip} bytes in. */
  public record Message(int skip, int length) implements Frame {}

  /** Not enough bytes yet. */
  public record NeedMore() implements Frame {}

  private static final NeedMore NEED_MORE = new NeedMore();

  private final ParseLimits limits;

  public StreamFramer(ParseLimits limits) {
    this.limits = limits;
  }

  /**
   * Looks at {@code len} bytes from {@code off}. Throws {@link SipParseException} when the stream
   * cannot be framed (no Content-Length, too large): the connection must then be closed.
   */
  public Frame next(byte[] b, int off, int len) {
    int end = off + len;
    int p = off;
    while (p < end && (b[p] == '\r' || b[p] == '\n')) {
      p++;
    }
    if (p > off) {
      boolean dbl =
          p - off >= 4
              && b[off] == '\r'
              && b[off + 1] == '\n'
              && b[off + 2] == '\r'
              && b[off + 3] == '\n';
      return new KeepAlive(p - off, dbl);
    }
    int limit = Math.min(end, off + limits.maxMessageBytes());
    int headEnd = MessageParser.findHeaderEnd(b, p, limit);
    if (headEnd < 0) {
      if (end - off >= limits.maxMessageBytes()) {
        throw new SipParseException("message too large");
      }
      return NEED_MORE;
    }
    int bodyStart = b[headEnd] == '\r' ? headEnd + 2 : headEnd + 1;
    int cl = contentLength(b, off, headEnd);
    if (cl < 0) {
      throw new SipParseException("missing Content-Length on a stream", HeaderNames.CONTENT_LENGTH);
    }
    long total = (long) bodyStart - off + cl;
    if (total > limits.maxMessageBytes()) {
      throw new SipParseException("message too large");
    }
    if (end - off < total) {
      return NEED_MORE;
    }
    return new Message(0, (int) total);
  }

  /** Content-Length (or its compact form l) read straight from the header bytes; -1 if absent. */
  private static int contentLength(byte[] b, int from, int to) {
    int p = from;
    while (p < to) {
      int e = p;
      while (e < to && b[e] != '\n') {
        e++;
      }
      int nameEnd = p;
      while (nameEnd < e && b[nameEnd] != ':') {
        nameEnd++;
      }
      int ne = nameEnd;
      while (ne > p && (b[ne - 1] == ' ' || b[ne - 1] == '\t')) {
        ne--;
      }
      if (nameEnd < e && (isName(b, p, ne, "content-length") || isName(b, p, ne, "l"))) {
        long v = 0;
        int digits = 0;
        for (int i = nameEnd + 1; i < e; i++) {
          byte c = b[i];
          if (c >= '0' && c <= '9') {
            v = v * 10 + (c - '0');
            if (++digits > 9) {
              throw new SipParseException("Content-Length too large", HeaderNames.CONTENT_LENGTH);
            }
          } else if (c != ' ' && c != '\t' && c != '\r') {
            throw new SipParseException("bad Content-Length", HeaderNames.CONTENT_LENGTH);
          }
        }
        if (digits == 0) {
          throw new SipParseException("bad Content-Length", HeaderNames.CONTENT_LENGTH);
        }
        return (int) v;
      }
      p = e + 1;
    }
    return -1;
  }

  private static boolean isName(byte[] b, int from, int to, String lower) {
    if (to - from != lower.length()) {
      return false;
    }
    for (int i = 0; i < lower.length(); i++) {
      int c = b[from + i];
      if (c >= 'A' && c <= 'Z') {
        c += 32;
      }
      if (c != lower.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
