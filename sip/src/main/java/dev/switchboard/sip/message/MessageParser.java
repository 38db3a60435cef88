package dev.switchboard.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns bytes into a {@link SipMessage} per RFC 3261 §7: start line, header lines (folding undone,
 * compact names expanded) and the body framed by Content-Length. Header values stay text until a
 * typed view asks for them.
 */
public final class MessageParser {
  private final ParseLimits limits;

  public MessageParser(ParseLimits limits) {
    this.limits = limits;
  }

  public MessageParser() {
    this(ParseLimits.DEFAULT);
  }

  public ParseLimits limits() {
    return limits;
  }

  /**
   * Parses one datagram: the body is what follows the headers, cut at Content-Length. The array
   * belongs to the message afterwards and must not be changed.
   */
  public SipMessage parseDatagram(byte[] buf, int off, int len) {
    return parse(buf, off, len, true);
  }

  public SipMessage parseDatagram(byte[] buf) {
    return parse(buf, 0, buf.length, true);
  }

  /**
   * Parses one message already framed from a stream (see {@link StreamFramer}): Content-Length is
   * mandatory and must match.
   */
  public SipMessage parseFramed(byte[] buf, int off, int len) {
    return parse(buf, off, len, false);
  }

  private SipMessage parse(byte[] buf, int off, int len, boolean datagram) {
    if (len > limits.maxMessageBytes()) {
      throw new SipParseException("message too large");
    }
    int end = off + len;
    int p = off;
    // Leading CRLFs are keep-alive noise between messages (RFC 3261 §7.5).
    while (p < end && (buf[p] == '\r' || buf[p] == '\n')) {
      p++;
    }
    // Header values stay in these bytes until read, so they must be ours and never change: a
    // buffer that is exactly the message is taken over, anything else is copied once.
    if (p != 0 || end != buf.length) {
      buf = Arrays.copyOfRange(buf, p, end);
      end = buf.length;
      p = 0;
    }
    int msgStart = p;
    int headEnd = findHeaderEnd(buf, p, end);
    if (headEnd < 0) {
      throw new SipParseException("no empty line after the headers");
    }
    int bodyStart = skipBlankLine(buf, headEnd);
    int lineEnd = lineEnd(buf, msgStart, headEnd);
    if (lineEnd - msgStart > limits.maxLineBytes()) {
      throw new SipParseException("start line too long");
    }
    Headers headers = new Headers(16);
    HeaderField cl = parseHeaders(buf, nextLine(buf, lineEnd, headEnd), headEnd, headers);

    int available = end - bodyStart;
    int bodyLen;
    if (cl == null) {
      if (!datagram) {
        throw new SipParseException(
            "missing Content-Length on a stream", HeaderNames.CONTENT_LENGTH);
      }
      bodyLen = available;
    } else {
      bodyLen = SipMessage.smallInt(cl, Integer.MAX_VALUE, HeaderNames.CONTENT_LENGTH);
      if (bodyLen > available) {
        throw new SipParseException(
            "Content-Length larger than the body", HeaderNames.CONTENT_LENGTH);
      }
    }
    if (bodyLen > limits.maxBodyBytes()) {
      throw new SipParseException("body too large");
    }

    SipMessage m =
        startsWith(buf, msgStart, lineEnd, "SIP/")
            ? response(text(buf, msgStart, lineEnd), headers)
            : request(buf, msgStart, lineEnd, headers);
    int wireEnd = bodyStart + bodyLen;
    // msgStart is 0 here; a datagram with bytes after Content-Length keeps only the message.
    m.wire(buf, wireEnd);
    // The body stays in the message's bytes until someone asks for it.
    m.bodyIn(buf, bodyStart, bodyLen);
    return m;
  }

  /**
   * For bytes that failed to parse: the 400 response RFC 3261 §16.3 and §8.2 ask for, built from
   * whatever header lines can still be read, or null when the input is not an answerable request (a
   * response, or no usable Via, From, To, Call-ID and CSeq) and must be dropped (§18.3).
   */
  public SipResponse badRequest(byte[] buf, int off, int len, SipParseException cause) {
    int end = Math.min(off + len, off + limits.maxMessageBytes());
    int p = off;
    while (p < end && (buf[p] == '\r' || buf[p] == '\n')) {
      p++;
    }
    int headEnd = findHeaderEnd(buf, p, end);
    String head = new String(buf, p, (headEnd < 0 ? end : headEnd) - p, StandardCharsets.UTF_8);
    int le = lineEnd(head, 0);
    String startLine = head.substring(0, le);
    if (startLine.startsWith("SIP/") || !isRequestLine(startLine)) {
      return null;
    }
    Headers salvaged = new Headers(8);
    int q = nextLine(head, le);
    int count = 0;
    while (q < head.length() && count++ < limits.maxHeaders()) {
      int e = lineEnd(head, q);
      try {
        HeaderField f = field(head, q, e);
        switch (f.name()) {
          case HeaderNames.VIA,
              HeaderNames.FROM,
              HeaderNames.TO,
              HeaderNames.CALL_ID,
              HeaderNames.CSEQ ->
              salvaged.addParsed(f);
          default -> {}
        }
      } catch (SipParseException ignored) {
        // An unreadable line is skipped: we only need the five headers a response copies.
      }
      q = nextLine(head, e);
    }
    String method = startLine.substring(0, startLine.indexOf(' '));
    SipRequest shell = new SipRequest(method, "sip:invalid", "SIP/2.0", salvaged, null);
    try {
      shell.topVia(); // Without a Via nobody can be answered (RFC 3261 §18.2.2).
    } catch (SipParseException e) {
      return null;
    }
    if (method.equals(SipRequest.ACK)) {
      return null; // ACK is never answered (RFC 3261 §17.2.3).
    }
    // Broken or missing From, To, Call-ID or CSeq are echoed as they are (RFC 4475 §3.1.2).
    return shell.createResponse(400, cause.reasonPhrase());
  }

  /**
   * Whether a start line has the shape of a request line, {@code token 1*SP \S… 1*SP
   * SIP/digits.digits [SP/HTAB…]}, checked in one pass: a backtracking regex took time quadratic in
   * the line's length, seconds for one 64 KiB datagram of spaces.
   */
  static boolean isRequestLine(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
      end--;
    }
    int minor = digitsBefore(s, end);
    if (minor == end || minor == 0 || s.charAt(minor - 1) != '.') {
      return false;
    }
    int major = digitsBefore(s, minor - 1);
    int version = major - 4;
    if (major == minor - 1 || version < 0 || !s.startsWith("SIP/", version)) {
      return false;
    }
    int p = 0;
    while (p < version && Lexer.isTokenChar(s.charAt(p))) {
      p++;
    }
    if (p == 0 || p == version || s.charAt(p) != ' ') {
      return false;
    }
    while (p < version && s.charAt(p) == ' ') {
      p++;
    }
    // A non-blank character, then anything on one line, then at least one SP before the version.
    if (p >= version - 1 || isRegexSpace(s.charAt(p)) || s.charAt(version - 1) != ' ') {
      return false;
    }
    for (int i = p + 1; i < version; i++) {
      char c = s.charAt(i);
      if (c == '\r' || c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
        return false;
      }
    }
    return true;
  }

  private static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
  }

  private static int digitsBefore(String s, int end) {
    int i = end;
    while (i > 0 && s.charAt(i - 1) >= '0' && s.charAt(i - 1) <= '9') {
      i--;
    }
    return i;
  }

  /** The request line straight from the bytes: common methods and "SIP/2.0" cost no string. */
  private static SipRequest request(byte[] b, int from, int to, Headers headers) {
    int sp1 = indexOf(b, from, to, ' ');
    int sp2 = sp1 < 0 ? -1 : indexOf(b, sp1 + 1, to, ' ');
    if (sp1 <= from || sp2 < 0 || indexOf(b, sp2 + 1, to, ' ') >= 0) {
      throw new SipParseException("malformed request line");
    }
    String method = SipRequest.knownMethod(b, from, sp1);
    if (method == null) {
      for (int i = from; i < sp1; i++) {
        if (b[i] < 0 || !Lexer.isTokenChar((char) b[i])) {
          throw new SipParseException("bad method");
        }
      }
      method = text(b, from, sp1);
    }
    if (sp2 == sp1 + 1
        || indexOf(b, sp1 + 1, sp2, '\t') >= 0
        || indexOf(b, sp1 + 1, sp2, '<') >= 0
        || indexOf(b, sp1 + 1, sp2, '>') >= 0) {
      throw new SipParseException("malformed Request-URI");
    }
    String uri = text(b, sp1 + 1, sp2);
    String version;
    if (to - sp2 - 1 == SIP_2_0.length() && startsWith(b, sp2 + 1, to, SIP_2_0)) {
      version = SIP_2_0;
    } else {
      version = text(b, sp2 + 1, to);
      checkVersion(version);
    }
    return new SipRequest(method, uri, version, headers, null);
  }

  private static final String SIP_2_0 = "SIP/2.0";

  static boolean startsWith(byte[] b, int from, int to, String prefix) {
    if (to - from < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (b[from + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] b, int from, int to, char c) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static SipResponse response(String line, Headers headers) {
    int sp1 = line.indexOf(' ');
    if (sp1 < 0) {
      throw new SipParseException("malformed status line");
    }
    String version = line.substring(0, sp1);
    checkVersion(version);
    int sp2 = line.indexOf(' ', sp1 + 1);
    String code = sp2 < 0 ? line.substring(sp1 + 1) : line.substring(sp1 + 1, sp2);
    if (code.length() != 3
        || !Character.isDigit(code.charAt(0))
        || !Character.isDigit(code.charAt(1))
        || !Character.isDigit(code.charAt(2))) {
      throw new SipParseException("bad status code");
    }
    int status = Integer.parseInt(code);
    if (status < 100) {
      throw new SipParseException("status code out of range");
    }
    String reason = sp2 < 0 ? "" : line.substring(sp2 + 1);
    for (int i = 0; i < reason.length(); i++) {
      char c = reason.charAt(i);
      if (c < 0x20 && c != '\t') {
        throw new SipParseException("control character in reason phrase");
      }
    }
    return new SipResponse(version, status, reason, headers, null);
  }

  private static void checkVersion(String v) {
    // SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT; other versions parse and get a 505 higher up.
    if (v.length() < 7 || !v.regionMatches(true, 0, "SIP/", 0, 4)) {
      throw new SipParseException("bad SIP version");
    }
    int dot = v.indexOf('.', 4);
    if (dot <= 4 || dot == v.length() - 1) {
      throw new SipParseException("bad SIP version");
    }
    for (int i = 4; i < v.length(); i++) {
      if (i != dot && !Character.isDigit(v.charAt(i))) {
        throw new SipParseException("bad SIP version");
      }
    }
  }

  /** Adds the header lines to {@code headers}; returns the Content-Length line, or null. */
  private HeaderField parseHeaders(byte[] b, int p, int n, Headers headers) {
    int count = 0;
    HeaderField contentLength = null;
    int lengths = 0;
    while (p < n) {
      int e = lineEnd(b, p, n);
      int next = nextLine(b, e, n);
      if (++count > limits.maxHeaders()) {
        throw new SipParseException("too many headers");
      }
      HeaderField f;
      if (next < n && (b[next] == ' ' || b[next] == '\t')) {
        // Folded continuation lines belong to this header: rare, so done on text.
        StringBuilder folded = new StringBuilder(text(b, p, e));
        while (next < n && (b[next] == ' ' || b[next] == '\t')) {
          // The fold and the whitespace around it count as one SP (RFC 3261 §7.3.1).
          while (folded.length() > 0 && isWsp(folded.charAt(folded.length() - 1))) {
            folded.setLength(folded.length() - 1);
          }
          int ce = lineEnd(b, next, n);
          int cs = next;
          while (cs < ce && (b[cs] == ' ' || b[cs] == '\t')) {
            cs++;
          }
          folded.append(' ').append(text(b, cs, ce));
          next = nextLine(b, ce, n);
        }
        if (folded.length() > limits.maxLineBytes()) {
          throw new SipParseException("header line too long");
        }
        String line = folded.toString();
        f = field(line, 0, line.length());
      } else {
        if (e - p > limits.maxLineBytes()) {
          throw new SipParseException("header line too long");
        }
        f = field(b, p, e);
      }
      headers.addParsed(f);
      if (f.name() == HeaderNames.CONTENT_LENGTH) {
        lengths++;
        contentLength = contentLength == null ? f : contentLength;
      }
      p = next;
    }
    // Checked after every line, as before: a broken line further down is reported first.
    if (lengths > 1) {
      throw new SipParseException("more than one Content-Length", HeaderNames.CONTENT_LENGTH);
    }
    return contentLength;
  }

  /** One unfolded header line read straight from the bytes; known names cost no allocation. */
  private static HeaderField field(byte[] b, int from, int to) {
    int colon = from;
    while (colon < to && b[colon] != ':') {
      colon++;
    }
    if (colon == to) {
      throw new SipParseException("header line without a colon");
    }
    int nameEnd = colon;
    while (nameEnd > from && (b[nameEnd - 1] == ' ' || b[nameEnd - 1] == '\t')) {
      nameEnd--;
    }
    if (nameEnd == from) {
      throw new SipParseException("header line without a name");
    }
    String name = HeaderNames.known(b, from, nameEnd);
    if (name == null) {
      for (int i = from; i < nameEnd; i++) {
        if (b[i] < 0 || !Lexer.isTokenChar((char) b[i])) {
          throw new SipParseException("bad header name");
        }
      }
      name = text(b, from, nameEnd);
    }
    int vs = colon + 1;
    while (vs < to && (b[vs] == ' ' || b[vs] == '\t')) {
      vs++;
    }
    int ve = to;
    while (ve > vs && (b[ve - 1] == ' ' || b[ve - 1] == '\t')) {
      ve--;
    }
    return new HeaderField(name, b, vs, ve - vs);
  }

  /** Text of a byte range: a plain copy for ASCII (the common case), UTF-8 decoding otherwise. */
  static String text(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] < 0) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
      }
    }
    return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
  }

  private static int lineEnd(byte[] b, int p, int n) {
    return LineBreaks.lineEnd(b, p, n);
  }

  private static int nextLine(byte[] b, int e, int n) {
    if (e < n && b[e] == '\r') {
      e++;
    }
    if (e < n && b[e] == '\n') {
      e++;
    }
    return e;
  }

  private static boolean isWsp(char c) {
    return c == ' ' || c == '\t';
  }

  private static HeaderField field(String s, int from, int to) {
    int colon = s.indexOf(':', from);
    if (colon < 0 || colon >= to) {
      throw new SipParseException("header line without a colon");
    }
    int nameEnd = colon;
    while (nameEnd > from && (s.charAt(nameEnd - 1) == ' ' || s.charAt(nameEnd - 1) == '\t')) {
      nameEnd--;
    }
    if (nameEnd == from) {
      throw new SipParseException("header line without a name");
    }
    for (int i = from; i < nameEnd; i++) {
      if (!Lexer.isTokenChar(s.charAt(i))) {
        throw new SipParseException("bad header name");
      }
    }
    int vs = colon + 1;
    while (vs < to && (s.charAt(vs) == ' ' || s.charAt(vs) == '\t')) {
      vs++;
    }
    int ve = to;
    while (ve > vs && (s.charAt(ve - 1) == ' ' || s.charAt(ve - 1) == '\t')) {
      ve--;
    }
    String name = HeaderNames.canonical(s.substring(from, nameEnd));
    return new HeaderField(name, s.substring(vs, ve));
  }

  /** Index of the CR or LF that ends the line starting at {@code p} (or the string's end). */
  private static int lineEnd(String s, int p) {
    int n = s.length();
    while (p < n) {
      char c = s.charAt(p);
      if (c == '\r' || c == '\n') {
        return p;
      }
      p++;
    }
    return n;
  }

  private static int nextLine(String s, int e) {
    if (e < s.length() && s.charAt(e) == '\r') {
      e++;
    }
    if (e < s.length() && s.charAt(e) == '\n') {
      e++;
    }
    return e;
  }

  /**
   * The index where the empty line ending the headers starts (just after the last header's line
   * end), or -1. Accepts CRLF and bare LF.
   */
  static int findHeaderEnd(byte[] b, int p, int end) {
    for (int i = LineBreaks.nextLf(b, p, end); i < end; i = LineBreaks.nextLf(b, i + 1, end)) {
      int j = i + 1;
      if (j < end && b[j] == '\n') {
        return j;
      }
      if (j + 1 < end && b[j] == '\r' && b[j + 1] == '\n') {
        return j;
      }
    }
    return -1;
  }

  private static int skipBlankLine(byte[] b, int headEnd) {
    return b[headEnd] == '\r' ? headEnd + 2 : headEnd + 1;
  }
}
